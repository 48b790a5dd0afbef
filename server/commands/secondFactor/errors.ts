import { AppError } from '../../errors.ts';

/** The second step of a login: the challenge is not (or no longer) good; the user logs in again. */
export const invalidChallenge = () => new AppError(401, 'invalid_challenge', 'This login step expired or is not valid; log in again with your password');
/** A wrong, expired or already used code in the second step of a login (counted like a wrong password). */
export const invalidLoginCode = () => new AppError(401, 'invalid_code', 'Wrong or already used code');
/** The same while logged in (enrolment, removal): 400, since the session itself is fine. */
export const invalidCode = () => new AppError(400, 'invalid_code', 'Wrong or already used code', 'code');
export const alreadyEnrolled = () => new AppError(409, 'totp.enrolled', 'A second factor is already set up; remove it first to set up a new one');
export const noEnrolment = () => new AppError(409, 'totp.no-enrolment', 'No enrolment is open; start one first');
export const enrolmentReplaced = () => new AppError(409, 'totp.enrolment-replaced', 'A newer enrolment replaced this one; scan the newest QR code');
export const noFactor = () => new AppError(409, 'totp.none', 'No second factor is set up');
export const factorRequired = () => new AppError(403, 'totp.required', 'Your organisation requires a second factor: it cannot be removed');
