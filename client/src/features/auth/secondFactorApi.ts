import type { SessionResponse } from '../../../../shared/authSession.ts';
import type { SecondFactorStatus, TotpConfirmed, TotpEnrolment } from '../../../../shared/secondFactor.ts';
import { request } from '../../api.ts';

/** The second factor's routes (docs/contract.md, "Second factor"). */
export const secondFactorApi = {
  loginWithCode: (challenge: string, code: string) => request<SessionResponse>('POST', '/api/auth/login/totp', { challenge, code }),
  beginLoginEnrolment: (challenge: string) => request<TotpEnrolment>('POST', '/api/auth/login/enrol', { challenge }),
  confirmLoginEnrolment: (challenge: string, code: string) =>
    request<SessionResponse & TotpConfirmed>('POST', '/api/auth/login/enrol/confirm', { challenge, code }),
  status: () => request<SecondFactorStatus>('GET', '/api/auth/totp'),
  enrol: () => request<TotpEnrolment>('POST', '/api/auth/totp/enrol'),
  confirm: (code: string) => request<TotpConfirmed>('POST', '/api/auth/totp/confirm', { code }),
  remove: (code: string) => request<void>('DELETE', '/api/auth/totp', { code }),
};

/** The page of the account's second factor, reached from the account menu. */
export const SECOND_FACTOR_PATH = '/account/two-step';

/** The text for a refused code or challenge. */
export function codeErrorKey(id: string): string {
  switch (id) {
    case 'invalid_code':
    case 'bad_request':
      return 'secondFactor.invalidCode';
    case 'invalid_challenge':
      return 'secondFactor.invalidChallenge';
    case 'too_many_attempts':
      return 'login.throttled';
    default:
      return 'secondFactor.failed';
  }
}
