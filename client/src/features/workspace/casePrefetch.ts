import type { CaseDetail, PublicUser, WorkflowView } from '../../../../shared/api.ts';
import type { CaseThreads } from '../../../../shared/comments.ts';
import { api } from '../../api.ts';
import { commentsApi } from '../comments/commentsApi.ts';

/**
 * The case page's first requests, started as soon as the session is known
 * instead of one after the other as its parts mount (the case record, then
 * the workspace with the workflow and the comments). Each answer is taken
 * once, by the first load of its part; every later load asks the server again.
 */
interface Early {
  case: Promise<CaseDetail>;
  workflow: Promise<WorkflowView>;
  threads: Promise<CaseThreads>;
}

/** An answer not taken within this long is stale: the page it was for did not open (the user went elsewhere). */
const PREFETCH_TTL_MS = 10_000;
const CASE_PATH = /^\/cases\/([^/]+)$/;

const started = new Map<string, { at: number; pending: Partial<Early> }>();

/**
 * Starts the case page's requests when the address is a case (an administrator
 * never opens one; an arbeidsdeskundige is refused all three, their page asks for its own view).
 */
export function prefetchCasePage(user: PublicUser, pathname: string = window.location.pathname): void {
  const match = CASE_PATH.exec(pathname);
  if (!match || user.role === 'admin' || user.role === 'arbeidsdeskundige') return;
  const caseId = decodeURIComponent(match[1]!);
  const pending: Partial<Early> = { case: api.case(caseId), workflow: api.workflow(caseId), threads: commentsApi.threads(caseId) };
  // A refusal is for the part that takes it to handle; one nobody takes is no error of the page.
  for (const promise of Object.values(pending)) promise.catch(() => undefined);
  started.set(caseId, { at: Date.now(), pending });
}

/** The prefetched answer for this case's part if there is a fresh one not yet taken, else a new request. */
export function takePrefetched<K extends keyof Early>(caseId: string, part: K, load: () => Early[K]): Early[K] {
  const entry = started.get(caseId);
  const early = entry && Date.now() - entry.at <= PREFETCH_TTL_MS ? entry.pending[part] : undefined;
  if (entry) delete entry.pending[part];
  return early ?? load();
}
