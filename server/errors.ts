/**
 * Errors that reach a client carry a stable id and an HTTP status. Anything
 * else is mapped to a plain 500 by the error middleware, without internals.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, field?: string) => new AppError(400, 'bad_request', message, field);
export const unauthorized = (message = 'Authentication required') => new AppError(401, 'unauthorized', message);
export const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'Unknown username or wrong password');
export const forbidden = (message = 'You do not have access to this resource') => new AppError(403, 'forbidden', message);
export const notFound = (message = 'Not found') => new AppError(404, 'not_found', message);
export const conflict = (message: string, field?: string) => new AppError(409, 'conflict', message, field);
/** A login refused before its password was checked: earlier failures ask for a wait, or other attempts are being checked. */
export const tooManyAttempts = (retryAfterSeconds: number, reason: 'failures' | 'in-flight' = 'failures') =>
  new AppError(
    429,
    'too_many_attempts',
    reason === 'in-flight'
      ? `Other logins for this account or from this address are being checked; try again in ${retryAfterSeconds} s`
      : `Too many failed logins; try again in ${retryAfterSeconds} s`,
    undefined,
    { 'Retry-After': String(retryAfterSeconds) },
  );
/** The password checks are queued up to their bound: refused at once, without checking. */
export const loginBusy = (retryAfterSeconds: number) =>
  new AppError(503, 'login_busy', `The server is busy checking other logins; try again in ${retryAfterSeconds} s`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
export const storeUnavailable = () => new AppError(503, 'store_unavailable', 'The store is unavailable; try again shortly');

/** The id of the refusal of a case whose record does not match its log (server/workflow/CaseIntegrity.ts). */
export const CASE_INTEGRITY = 'case.integrity';
export const caseIntegrity = () => new AppError(503, CASE_INTEGRITY, 'The record of this case does not match its log; an administrator must check it');
export const isCaseIntegrityError = (error: unknown): boolean => error instanceof AppError && error.id === CASE_INTEGRITY;
