// Refusals of the review service: service errors (the API keeps their code) under their own name.
import { ServiceError, type ServiceErrorCode } from '../errors';

export class ReviewError extends ServiceError {
  constructor(code: ServiceErrorCode, message: string) {
    super(code, message);
    this.name = 'ReviewError';
  }
}
