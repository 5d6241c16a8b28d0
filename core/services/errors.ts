// Domain failures a service reports. The API dispatcher (core/api/kit.ts) turns every one into
// an API error with the same code and issues: the one error-mapping path.
export type ServiceErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'rejected';

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    /** For invalid input: each problem with its path (`cells[3].personId`), so the UI can point at it. */
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
