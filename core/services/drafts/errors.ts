// Refusals of the draft service: service errors (the API keeps their code and issues) under
// their own name, so logs and tests tell them apart.
import { ServiceError, type ServiceErrorCode } from '../errors';

export type DraftErrorCode = ServiceErrorCode;

export class DraftError extends ServiceError {
  constructor(code: DraftErrorCode, message: string, issues?: { path: string; message: string }[]) {
    super(code, message, issues);
    this.name = 'DraftError';
  }
}

/** Throws one invalid_input error listing every issue (at most 20 in the message). */
export function failIfIssues(what: string, issues: { path: string; message: string }[]): void {
  if (issues.length === 0) return;
  const shown = issues.slice(0, 20).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > 20 ? `; and ${issues.length - 20} more` : '';
  throw new DraftError('invalid_input', `${what}: ${shown.join('; ')}${more}`, issues);
}
