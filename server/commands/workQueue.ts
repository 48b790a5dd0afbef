import { commentAccess } from '../../shared/permissions.ts';
import { unreadIn } from '../../shared/comments.ts';
import type { AccessRole } from '../../shared/roles.ts';
import { localDate } from '../../shared/sickness.ts';
import { workQueueEntry, type CaseQueue } from '../../shared/workQueue.ts';
import type { CaseWorkflow } from '../../shared/workflow/types.ts';
import { isCaseIntegrityError } from '../errors.ts';
import type { CaseRecord } from '../store/ports.ts';
import { loadWorkflow } from '../workflow/loadWorkflow.ts';
import type { CommandDeps } from './deps.ts';

export type QueueDeps = Pick<CommandDeps, 'workflow' | 'templates' | 'comments' | 'persistence' | 'now'>;

/** Who asks: their id, and their role in this case (null: an administrator). */
export interface QueueCaller {
  userId: string;
  role: AccessRole | null;
}

/**
 * The work-queue fields of one case, from its state row, the head of its log
 * and its comment threads; never from its Yjs documents, so a long list stays
 * cheap. The comment store answers per case (it has no query over many
 * cases), so this costs a few bounded reads per case, not one per list.
 */
export async function queueOf(deps: QueueDeps, record: CaseRecord, caller: QueueCaller): Promise<CaseQueue> {
  const [workflow, unreadComments] = await Promise.all([workflowOf(deps, record), unreadOf(deps, record.id, caller)]);
  return workQueueEntry(
    {
      firstSickDay: record.firstSickDay,
      createdAt: record.createdAt,
      state: workflow?.state ?? null,
      lastEventAt: workflow?.lastEventAt ?? null,
      unreadComments,
    },
    { userId: caller.userId, role: caller.role, today: localDate(deps.now()), persistenceRule: deps.persistence },
  );
}

/**
 * The checked state and the time of its last event, or null when the case
 * fails its integrity check: one broken case marks its own row, it does not
 * turn the whole list into a 503.
 */
async function workflowOf(deps: QueueDeps, record: CaseRecord): Promise<{ state: CaseWorkflow; lastEventAt: string | null } | null> {
  try {
    const { seq, state } = await loadWorkflow(deps, record);
    if (seq === 0) return { state, lastEventAt: null };
    // The state row does not carry its event's time: read only the head envelope (the log may have moved on meanwhile, so take the last).
    const head = (await deps.workflow.listEvents(record.id, seq - 1)).at(-1);
    return { state, lastEventAt: head?.at ?? null };
  } catch (error) {
    if (isCaseIntegrityError(error)) return null;
    throw error;
  }
}

/** Unread comments by others, as GET /api/inbox counts them; an administrator reads no threads. */
async function unreadOf(deps: QueueDeps, caseId: string, caller: QueueCaller): Promise<number> {
  if (commentAccess(caller.role) === 'none') return 0;
  const [threads, marks] = await Promise.all([deps.comments.listThreads(caseId), deps.comments.readMarks(caller.userId, caseId)]);
  return threads.reduce((sum, thread) => sum + unreadIn(thread, caller.userId, marks[thread.id] ?? null), 0);
}
