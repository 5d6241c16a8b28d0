// Refusals of the draft service. The API maps `code` onto its error codes; `issues` name each
// bad input by path (`cells[3].personId`) so the UI can point at it.
export type DraftErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'rejected';

export class DraftError extends Error {
  constructor(
    readonly code: DraftErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
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
