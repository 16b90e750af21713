import { ErrorCode } from './error-codes';

// Services throw this, never HttpException: the same services run in HTTP, in workers and in the CLI.
// `message` is Chinese and meant for the clerk; `details` carries machine-readable context (field, line).
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
