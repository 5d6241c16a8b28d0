// Domain failures a service reports; the API layer turns them into ApiError with the same code.
export type ServiceErrorCode = 'not_found' | 'conflict' | 'rejected';

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
