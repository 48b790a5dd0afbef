import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { TOTP_CODE_DIGITS } from '../../shared/secondFactor.ts';

/** RFC 6238 as authenticator apps use it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** Codes of one step before or after the current one are accepted too (clock drift, typing time). */
export const TOTP_TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
/** Random bytes of a new secret (160 bits, RFC 4226's recommendation). */
export const TOTP_SECRET_BYTES = 20;
/** The issuer an authenticator app shows next to the account. */
export const TOTP_ISSUER = 'Consultatiewerkplek';

/** A new Base32 secret. */
export function newTotpSecret(): string {
  return generateSecret({ length: TOTP_SECRET_BYTES });
}

export function otpauthUrl(secret: string, username: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret, digits: TOTP_CODE_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/** The otpauth:// URL as a QR code, SVG markup. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * The time step `code` belongs to when it is right for `secret` within the
 * tolerance; null otherwise. Replays are the caller's to refuse (the store
 * takes each step once).
 */
export async function totpTimeStep(secret: string, code: string, nowSeconds: number): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: nowSeconds,
    epochTolerance: TOTP_TOLERANCE_SECONDS,
    digits: TOTP_CODE_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
  // The TOTP strategy's result carries the step; the union type also covers HOTP's.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
