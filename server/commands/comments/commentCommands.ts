import { randomUUID } from 'node:crypto';
import {
  unreadIn,
  type CaseThreads,
  type CommentInput,
  type CommentPerson,
  type CommentThread,
  type CreateThreadInput,
  type InboxEntry,
  type ThreadView,
} from '../../../shared/comments.ts';
import type { Actor, CommentEvent } from '../../../shared/workflow/index.ts';
import type { Principal } from '../../auth/Authenticator.ts';
import { AppError, badRequest, notFound } from '../../errors.ts';
import { denial, requireParticipant } from '../../policies/participation.ts';
import type { CaseRecord, CommentChange } from '../../store/ports.ts';
import { appendToCaseLog } from '../caseLog.ts';
import type { CommandDeps } from '../deps.ts';
import type { CaseTarget } from '../workflow/disputeCommands.ts';

/** The case a comment command is about, and who asks. */
export type CommentTarget = CaseTarget;

type Deps = Pick<
  CommandDeps,
  'records' | 'workflow' | 'templates' | 'logKey' | 'comments' | 'audit' | 'documents' | 'realtime' | 'notificationDelivery' | 'now'
>;

/**
 * Both physicians read and write comments; a current reviewer only reads
 * them (shared/permissions.ts). Every access is audited, every refusal too.
 */
async function reader(deps: Deps, target: CommentTarget, object: string): Promise<CommentPerson> {
  const { user } = target.principal;
  await requireParticipant(deps, { caseId: target.caseId, userId: user.id, actor: target.audit, object, use: 'read' });
  await deps.audit.record(target.audit, { action: 'read', outcome: 'success', object, caseId: target.caseId });
  return { userId: user.id, name: user.name };
}

/** Who writes, and where their write is recorded: the case's log and the audit row of `object`. */
interface Writer {
  person: CommentPerson;
  actor: Actor;
  record: CaseRecord;
  object: string;
}

async function writer(deps: Deps, target: CommentTarget, object: string): Promise<Writer> {
  const { user } = target.principal;
  const { record, role } = await requireParticipant(deps, { caseId: target.caseId, userId: user.id, actor: target.audit, object, use: 'write-comments' });
  return { person: { userId: user.id, name: user.name }, actor: { userId: user.id, name: user.name, role }, record, object };
}

/**
 * The command contract for a comment: its event goes into the case's log,
 * with the success audit row and the thread change it records, in one
 * transaction (WorkflowStore.commit). A change that cannot be logged and
 * audited does not happen, and the log never holds an event without its change.
 */
async function logged(deps: Deps, target: CommentTarget, by: Writer, event: CommentEvent, comment: CommentChange): Promise<void> {
  const audit = deps.audit.entryOf(target.audit, { action: 'write', outcome: 'success', object: by.object, caseId: target.caseId, detail: event.type });
  await appendToCaseLog(deps, by.record, { actor: by.actor, event, audit, comment });
}

async function threadOf(deps: Deps, target: CommentTarget, threadId: string): Promise<CommentThread> {
  const thread = await deps.comments.getThread(threadId);
  if (!thread || thread.caseId !== target.caseId) throw notFound('No such thread in this case');
  return thread;
}

/** Publishes the thread as it now is and returns it as the caller sees it. */
async function publish(deps: Deps, target: CommentTarget, threadId: string): Promise<ThreadView> {
  const thread = (await deps.comments.getThread(threadId))!;
  deps.realtime.publishComments(target.caseId, { caseId: target.caseId, thread });
  const marks = await deps.comments.readMarks(target.principal.user.id, target.caseId);
  return view(thread, target.principal.user.id, marks[thread.id] ?? null);
}

function view(thread: CommentThread, userId: string, lastReadAt: string | null): ThreadView {
  return { ...thread, unread: unreadIn(thread, userId, lastReadAt), lastReadAt };
}

/** The case's threads with this user's unread counts: the case inbox. */
export async function listThreads(deps: Deps, target: CommentTarget): Promise<CaseThreads> {
  await reader(deps, target, 'comments');
  const [threads, marks] = await Promise.all([deps.comments.listThreads(target.caseId), deps.comments.readMarks(target.principal.user.id, target.caseId)]);
  const views = threads.map((thread) => view(thread, target.principal.user.id, marks[thread.id] ?? null));
  return { threads: views, unread: views.reduce((sum, t) => sum + t.unread, 0) };
}

/**
 * Starts a thread on a stretch of text. The anchor must point into the
 * section as the server holds it, and the quote is the text the server finds
 * there (the request's is ignored); the document itself is only read, so
 * commenting needs no write access and changes no byte of it.
 */
export async function createThread(deps: Deps, target: CommentTarget, input: CreateThreadInput): Promise<ThreadView> {
  const by = await writer(deps, target, `comments:${input.part}:${input.sectionId}`);
  const author = by.person;
  const quote = await anchoredQuote(deps, target.caseId, input);
  const at = deps.now().toISOString();
  const thread: CommentThread = {
    id: randomUUID(),
    caseId: target.caseId,
    part: input.part,
    sectionId: input.sectionId,
    anchor: input.anchor,
    quote,
    createdBy: author,
    createdAt: at,
    resolved: null,
    comments: [{ id: randomUUID(), author, text: input.text, createdAt: at, editedAt: null, deletedAt: null }],
  };
  const event = { type: 'comment.created', threadId: thread.id, commentId: thread.comments[0]!.id, part: input.part, section: input.sectionId } as const;
  await logged(deps, target, by, event, { kind: 'createThread', thread });
  await deps.comments.markRead(author.userId, thread.id, at);
  return publish(deps, target, thread.id);
}

/** The text the anchor covers in the server's copy of the section; refuses an anchor elsewhere or on no text. */
async function anchoredQuote(deps: Deps, caseId: string, input: CreateThreadInput): Promise<string> {
  const found = await deps.documents.quoteAt(caseId, input.part, input.sectionId, input.anchor);
  if (!found.ok) {
    throw badRequest(found.reason === 'not-a-position' ? 'anchor: not a Yjs relative position' : 'anchor: does not point into this section', 'anchor');
  }
  if (found.quote === '') throw badRequest('anchor: covers no text', 'anchor');
  return found.quote;
}

export async function reply(deps: Deps, target: CommentTarget, threadId: string, input: CommentInput): Promise<ThreadView> {
  const by = await writer(deps, target, `comment-thread:${threadId}`);
  const author = by.person;
  await threadOf(deps, target, threadId);
  const at = deps.now().toISOString();
  const comment = { id: randomUUID(), author, text: input.text, createdAt: at, editedAt: null, deletedAt: null };
  await logged(deps, target, by, { type: 'comment.replied', threadId, commentId: comment.id }, { kind: 'addComment', threadId, comment });
  await deps.comments.markRead(author.userId, threadId, at);
  return publish(deps, target, threadId);
}

/** Only its author may change or delete a comment; a deleted comment keeps its place, without its text. */
async function ownComment(deps: Deps, target: CommentTarget, threadId: string, commentId: string) {
  const thread = await threadOf(deps, target, threadId);
  const comment = thread.comments.find((c) => c.id === commentId);
  if (!comment) throw notFound('No such comment in this thread');
  if (comment.author.userId !== target.principal.user.id) {
    await deps.audit.record(target.audit, denial(`comment:${commentId}`, target.caseId, 'not-the-author'));
    throw new AppError(403, 'comment.only-author', 'Only its author may change or delete a comment');
  }
  if (comment.deletedAt) throw new AppError(409, 'comment.deleted', 'This comment was deleted');
  return comment;
}

export async function editComment(deps: Deps, target: CommentTarget, threadId: string, commentId: string, input: CommentInput): Promise<ThreadView> {
  const by = await writer(deps, target, `comment:${commentId}`);
  await ownComment(deps, target, threadId, commentId);
  const change = { text: input.text, editedAt: deps.now().toISOString(), deletedAt: null };
  await logged(deps, target, by, { type: 'comment.edited', threadId, commentId }, { kind: 'updateComment', commentId, change });
  return publish(deps, target, threadId);
}

export async function deleteComment(deps: Deps, target: CommentTarget, threadId: string, commentId: string): Promise<ThreadView> {
  const by = await writer(deps, target, `comment:${commentId}`);
  const comment = await ownComment(deps, target, threadId, commentId);
  const change = { text: '', editedAt: comment.editedAt, deletedAt: deps.now().toISOString() };
  await logged(deps, target, by, { type: 'comment.deleted', threadId, commentId }, { kind: 'updateComment', commentId, change });
  return publish(deps, target, threadId);
}

export async function setResolved(deps: Deps, target: CommentTarget, threadId: string, resolved: boolean): Promise<ThreadView> {
  const by = await writer(deps, target, `comment-thread:${threadId}`);
  const thread = await threadOf(deps, target, threadId);
  if (resolved === (thread.resolved !== null)) {
    throw new AppError(409, resolved ? 'thread.resolved' : 'thread.open', resolved ? 'This thread is already resolved' : 'This thread is already open');
  }
  const change = resolved ? { by: by.person, at: deps.now().toISOString() } : null;
  const event = { type: resolved ? 'comment.resolved' : 'comment.reopened', threadId } as const;
  await logged(deps, target, by, event, { kind: 'setResolved', threadId, resolved: change });
  return publish(deps, target, threadId);
}

/** Marks a thread read up to its newest comment, for this user only. */
export async function markRead(deps: Deps, target: CommentTarget, threadId: string): Promise<ThreadView> {
  const person = await reader(deps, target, `comment-thread:${threadId}`);
  const thread = await threadOf(deps, target, threadId);
  const newest = thread.comments.reduce((latest, c) => (c.createdAt > latest ? c.createdAt : latest), thread.createdAt);
  await deps.comments.markRead(person.userId, threadId, newest);
  return view(thread, person.userId, newest);
}

/** Unread comments per case, over every case the user takes part in. */
export async function inbox(deps: Deps, principal: Principal): Promise<InboxEntry[]> {
  const entries: InboxEntry[] = [];
  const cases = await deps.records.listCasesOfUser(principal.user.id);
  const reviewed = await Promise.all((await deps.workflow.casesReviewedBy(principal.user.id)).map((id) => deps.records.getCase(id)));
  for (const record of [...cases, ...reviewed.filter((c) => c !== null)]) {
    const [threads, marks] = await Promise.all([deps.comments.listThreads(record.id), deps.comments.readMarks(principal.user.id, record.id)]);
    const unread = threads.reduce((sum, thread) => sum + unreadIn(thread, principal.user.id, marks[thread.id] ?? null), 0);
    entries.push({ caseId: record.id, title: record.title, unread });
  }
  return entries;
}
