import { Router, type Request, type RequestHandler } from 'express';
import { CommentIdParam, CommentInput, CreateThreadInput, ThreadIdParam } from '../../../shared/comments.ts';
import { createThread, deleteComment, editComment, inbox, listThreads, markRead, reply, setResolved } from '../../commands/comments/commentCommands.ts';
import type { CommandDeps } from '../../commands/deps.ts';
import { principalOf } from '../middleware/auth.ts';
import { parseParam, validateBody } from '../middleware/validate.ts';
import { caseTarget } from './caseTarget.ts';

const thread = (req: Request) => parseParam(ThreadIdParam, req.params.thread, 'thread');
const comment = (req: Request) => parseParam(CommentIdParam, req.params.comment, 'comment');

/** Margin comments (issue 5): threads on text, replies, edits, resolution, read state. */
export function commentRoutes(deps: CommandDeps, auth: RequestHandler): Router {
  const router = Router();
  const threads = '/api/cases/:id/threads';
  const one = `${threads}/:thread`;

  router.get('/api/inbox', auth, async (req, res) => {
    res.json(await inbox(deps, principalOf(req)));
  });
  router.get(threads, auth, async (req, res) => {
    res.json(await listThreads(deps, caseTarget(req)));
  });
  router.post(threads, auth, validateBody(CreateThreadInput), async (req, res) => {
    res.status(201).json(await createThread(deps, caseTarget(req), req.body as CreateThreadInput));
  });
  router.post(`${one}/comments`, auth, validateBody(CommentInput), async (req, res) => {
    res.status(201).json(await reply(deps, caseTarget(req), thread(req), req.body as CommentInput));
  });
  router.patch(`${one}/comments/:comment`, auth, validateBody(CommentInput), async (req, res) => {
    res.json(await editComment(deps, caseTarget(req), thread(req), comment(req), req.body as CommentInput));
  });
  router.delete(`${one}/comments/:comment`, auth, async (req, res) => {
    res.json(await deleteComment(deps, caseTarget(req), thread(req), comment(req)));
  });
  router.post(`${one}/resolve`, auth, async (req, res) => {
    res.json(await setResolved(deps, caseTarget(req), thread(req), true));
  });
  router.post(`${one}/reopen`, auth, async (req, res) => {
    res.json(await setResolved(deps, caseTarget(req), thread(req), false));
  });
  router.post(`${one}/read`, auth, async (req, res) => {
    res.json(await markRead(deps, caseTarget(req), thread(req)));
  });

  return router;
}
