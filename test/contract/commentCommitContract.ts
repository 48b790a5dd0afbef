import { describe, expect, it } from 'vitest';
import type { Comment, CommentThread } from '../../shared/comments.ts';
import { initialWorkflow, type CommentEvent, type EventEnvelope } from '../../shared/workflow/index.ts';
import { SeqConflictError, type AuditEntry, type CommentChange, type HeadSeal } from '../../server/store/ports.ts';
import { useFreshStores, type MakeStores } from './fixture.ts';

const va = { userId: 'u-va', name: 'Victor Visser' };
const at = (second: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, second)).toISOString();
const state = initialWorkflow(['d240']);
const seal: HeadSeal = { legacySeq: 0, mac: 'a'.repeat(64) };

function envelope(seq: number, event: CommentEvent): EventEnvelope {
  return {
    caseId: 'c1',
    seq,
    at: at(seq),
    actor: { ...va, role: 'va' },
    event,
    prevHash: String(seq - 1).padStart(64, '0'),
    hash: String(seq).padStart(64, '0'),
  };
}

function audit(detail: string): AuditEntry {
  const row = { at: at(0), userId: va.userId, username: 'va.demo', role: 'verzekeringsarts', organisationId: 'org-uwv', caseId: 'c1', object: 'comments' };
  return { ...row, action: 'write', outcome: 'success', detail, ip: null, userAgent: null };
}

function comment(id: string, second = 0): Comment {
  return { id, author: va, text: `tekst ${id}`, createdAt: at(second), editedAt: null, deletedAt: null };
}

function thread(id: string): CommentThread {
  const fields = { id, caseId: 'c1', part: 'occupational', sectionId: 'd240', anchor: { start: 'AQID', end: 'BAUG' } } as const;
  return { ...fields, quote: 'vier uur', createdBy: va, createdAt: at(0), resolved: null, comments: [comment(`${id}-1`)] };
}

const created = (id: string): CommentEvent => ({ type: 'comment.created', threadId: id, commentId: `${id}-1`, part: 'occupational', section: 'd240' });

/**
 * A comment command's thread change is part of the commit of its event
 * (WorkflowStore.commit): stored with the event and its audit row, or, when
 * the commit is refused, none of the three.
 */
export function commentCommitContract(name: string, makeStores: MakeStores): void {
  describe(`comment changes in the workflow commit: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const commit = (seq: number, event: CommentEvent, comment: CommentChange) =>
      stores().workflow.commit(envelope(seq, event), state, [], seal, { audit: audit(event.type), comment });
    const writes = async () => (await stores().audit.list({ caseId: 'c1' })).map((row) => row.detail);

    it('stores the event, its audit row and the thread change together, for every kind of change', async () => {
      await commit(1, created('t1'), { kind: 'createThread', thread: thread('t1') });
      expect(await stores().comments.getThread('t1')).toEqual(thread('t1'));
      await commit(2, { type: 'comment.replied', threadId: 't1', commentId: 'r1' }, { kind: 'addComment', threadId: 't1', comment: comment('r1', 1) });
      const edit = { text: 'anders', editedAt: at(2), deletedAt: null };
      await commit(3, { type: 'comment.edited', threadId: 't1', commentId: 'r1' }, { kind: 'updateComment', commentId: 'r1', change: edit });
      const resolved = { by: va, at: at(3) };
      await commit(4, { type: 'comment.resolved', threadId: 't1' }, { kind: 'setResolved', threadId: 't1', resolved });

      expect(await stores().comments.getThread('t1')).toEqual({ ...thread('t1'), resolved, comments: [comment('t1-1'), { ...comment('r1', 1), ...edit }] });
      const events = await stores().workflow.listEvents('c1');
      expect(events.map((e) => e.event.type)).toEqual(['comment.created', 'comment.replied', 'comment.edited', 'comment.resolved']);
      expect(await writes()).toEqual(['comment.resolved', 'comment.edited', 'comment.replied', 'comment.created']);
    });

    it('a commit refused with SeqConflictError stores no thread change, no audit row and no event', async () => {
      await commit(1, created('t1'), { kind: 'createThread', thread: thread('t1') });
      const lost = [
        commit(1, created('t2'), { kind: 'createThread', thread: thread('t2') }),
        commit(3, { type: 'comment.replied', threadId: 't1', commentId: 'r1' }, { kind: 'addComment', threadId: 't1', comment: comment('r1') }),
        commit(
          1,
          { type: 'comment.edited', threadId: 't1', commentId: 't1-1' },
          { kind: 'updateComment', commentId: 't1-1', change: { text: 'x', editedAt: at(5), deletedAt: null } },
        ),
        commit(1, { type: 'comment.resolved', threadId: 't1' }, { kind: 'setResolved', threadId: 't1', resolved: { by: va, at: at(5) } }),
      ];
      for (const refused of lost) await expect(refused).rejects.toBeInstanceOf(SeqConflictError);

      expect(await stores().comments.getThread('t2')).toBeNull();
      expect(await stores().comments.getThread('t1')).toEqual(thread('t1'));
      expect(await stores().comments.listThreads('c1')).toHaveLength(1);
      expect(await stores().workflow.listEvents('c1')).toHaveLength(1);
      expect(await writes()).toEqual(['comment.created']);
    });

    it('a change the comment store refuses commits nothing either: no event, no audit row', async () => {
      await commit(1, created('t1'), { kind: 'createThread', thread: thread('t1') });
      await expect(commit(2, created('t1'), { kind: 'createThread', thread: { ...thread('t1'), quote: 'anders' } })).rejects.toThrow();
      const reply = { type: 'comment.replied', threadId: 'nope', commentId: 'r1' } as const;
      await expect(commit(2, reply, { kind: 'addComment', threadId: 'nope', comment: comment('r1') })).rejects.toThrow();

      expect(await stores().comments.getThread('t1')).toEqual(thread('t1'));
      expect((await stores().workflow.load('c1'))!.seq).toBe(1);
      expect(await stores().workflow.listEvents('c1')).toHaveLength(1);
      expect(await writes()).toEqual(['comment.created']);
    });

    it("of two racing commits for the same place in the log, only the winner's thread is stored", async () => {
      const results = await Promise.allSettled(['ta', 'tb'].map((id) => commit(1, created(id), { kind: 'createThread', thread: thread(id) })));
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof SeqConflictError)).toHaveLength(1);
      const [event] = await stores().workflow.listEvents('c1');
      const winner = (event!.event as { threadId: string }).threadId;
      expect((await stores().comments.listThreads('c1')).map((t) => t.id)).toEqual([winner]);
      expect(await writes()).toEqual(['comment.created']);
    });
  });
}
