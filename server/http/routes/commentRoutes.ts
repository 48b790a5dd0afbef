import { Router, type RequestHandler } from 'express';
import { CommentInput, CreateThreadInput } from '../../../shared/comments.ts';
import { createThread, deleteComment, editComment, inbox, listThreads, markRead, reply, setResolved } from '../../commands/comments/commentCommands.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { principalOf } from '../middleware/auth.ts';
import { routeHelpers } from './command.ts';
import { caseTarget, commentTarget, threadTarget } from './targets.ts';

/** Margin comments (docs/domain.md): threads on text, replies, edits, resolution, read state. */
export function commentRoutes(deps: CommandDeps, auth: RequestHandler): Router {
  const router = Router();
  const { command, action } = routeHelpers(deps);
  const threads = '/api/cases/:id/threads';
  const one = `${threads}/:thread`;

  router.get('/api/inbox', auth, action(principalOf, inbox));
  router.get(threads, auth, action(caseTarget, listThreads));
  router.post(threads, auth, command(CreateThreadInput, caseTarget, createThread, 201));
  router.post(
    `${one}/comments`,
    auth,
    command(CommentInput, threadTarget, (d, at, input) => reply(d, at.target, at.threadId, input), 201),
  );
  router.patch(
    `${one}/comments/:comment`,
    auth,
    command(CommentInput, commentTarget, (d, at, input) => editComment(d, at.target, at.threadId, at.commentId, input)),
  );
  router.delete(
    `${one}/comments/:comment`,
    auth,
    action(commentTarget, (d, at) => deleteComment(d, at.target, at.threadId, at.commentId)),
  );
  router.post(
    `${one}/resolve`,
    auth,
    action(threadTarget, (d, at) => setResolved(d, at.target, at.threadId, true)),
  );
  router.post(
    `${one}/reopen`,
    auth,
    action(threadTarget, (d, at) => setResolved(d, at.target, at.threadId, false)),
  );
  router.post(
    `${one}/read`,
    auth,
    action(threadTarget, (d, at) => markRead(d, at.target, at.threadId)),
  );

  return router;
}
