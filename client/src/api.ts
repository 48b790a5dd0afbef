import type { ApiErrorBody, CaseDetail, CaseSummary, LoginResponse, PublicUser } from '../../shared/api.ts';

/** An API error with the server's stable id, so the interface can translate it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    // No answer at all: offline, or the server is down.
    throw new ApiError(0, 'network', 'No connection to the server');
  }
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (data as ApiErrorBody | null)?.error;
    throw new ApiError(response.status, error?.id ?? 'network', error?.message ?? response.statusText);
  }
  return data as T;
}

/** The session lives in an httpOnly cookie; the client never touches the token. */
export const api = {
  login: (username: string, password: string) => request<LoginResponse>('POST', '/api/auth/login', { username, password }),
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: () => request<{ user: PublicUser; expiresAt: number }>('GET', '/api/me'),
  cases: () => request<CaseSummary[]>('GET', '/api/cases'),
  case: (id: string) => request<CaseDetail>('GET', `/api/cases/${encodeURIComponent(id)}`),
};
