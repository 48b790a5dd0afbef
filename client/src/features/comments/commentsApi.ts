import type { CaseThreads, CreateThreadInput, InboxEntry, ThreadView } from '../../../../shared/comments.ts';
import { request } from '../../api.ts';

const threadsPath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/threads`;
const threadPath = (caseId: string, threadId: string) => `${threadsPath(caseId)}/${encodeURIComponent(threadId)}`;
const commentPath = (caseId: string, threadId: string, commentId: string) => `${threadPath(caseId, threadId)}/comments/${encodeURIComponent(commentId)}`;

/**
 * Margin comments (docs/domain.md). Every command answers the thread as this user
 * now sees it (with their read state); the change is also pushed to the case.
 */
export const commentsApi = {
  /** Unread comments per case, over all of the user's cases. */
  inbox: () => request<InboxEntry[]>('GET', '/api/inbox'),
  threads: (caseId: string) => request<CaseThreads>('GET', threadsPath(caseId)),
  create: (caseId: string, input: CreateThreadInput) => request<ThreadView>('POST', threadsPath(caseId), input),
  reply: (caseId: string, threadId: string, text: string) => request<ThreadView>('POST', `${threadPath(caseId, threadId)}/comments`, { text }),
  /** Only the comment's author may; others get 403 `comment.only-author`. */
  edit: (caseId: string, threadId: string, commentId: string, text: string) => request<ThreadView>('PATCH', commentPath(caseId, threadId, commentId), { text }),
  /** The comment keeps its place, emptied. */
  remove: (caseId: string, threadId: string, commentId: string) => request<ThreadView>('DELETE', commentPath(caseId, threadId, commentId)),
  resolve: (caseId: string, threadId: string) => request<ThreadView>('POST', `${threadPath(caseId, threadId)}/resolve`),
  reopen: (caseId: string, threadId: string) => request<ThreadView>('POST', `${threadPath(caseId, threadId)}/reopen`),
  /** Read up to the thread's newest comment, for this user. */
  markRead: (caseId: string, threadId: string) => request<ThreadView>('POST', `${threadPath(caseId, threadId)}/read`),
};
