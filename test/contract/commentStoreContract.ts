import { describe, expect, it } from 'vitest';
import type { Comment, CommentThread } from '../../shared/comments.ts';
import { useFreshStores, type MakeStores } from './fixture.ts';

const va = { userId: 'u-va', name: 'Victor Visser' };
const ba = { userId: 'u-ba', name: 'Anna Bakker' };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 10, minute)).toISOString();

function comment(id: string, author = va, minute = 0): Comment {
  return { id, author, text: `tekst ${id}`, createdAt: at(minute), editedAt: null, deletedAt: null };
}

function thread(id: string, caseId = 'c1', minute = 0): CommentThread {
  return {
    id,
    caseId,
    part: 'occupational',
    sectionId: 'd240',
    anchor: { start: 'AQID', end: 'BAUG' },
    quote: 'vier uur',
    createdBy: va,
    createdAt: at(minute),
    resolved: null,
    comments: [comment(`${id}-1`, va, minute)],
  };
}

/** The CommentStore rules every adapter keeps. */
export function commentStoreContract(name: string, makeStores: MakeStores): void {
  describe(`CommentStore contract: ${name}`, () => {
    const stores = useFreshStores(makeStores);
    const comments = () => stores().comments;

    it('a thread reads back as created, with its first comment; cases are isolated', async () => {
      await comments().createThread(thread('t1'));
      await comments().createThread(thread('t2', 'c2'));
      expect(await comments().getThread('t1')).toEqual(thread('t1'));
      expect((await comments().listThreads('c1')).map((t) => t.id)).toEqual(['t1']);
      expect(await comments().getThread('nope')).toBeNull();
    });

    it('threads list oldest first, their comments in the order written', async () => {
      await comments().createThread(thread('late', 'c1', 5));
      await comments().createThread(thread('early', 'c1', 1));
      await comments().addComment('early', comment('r1', ba, 2));
      await comments().addComment('early', comment('r2', va, 3));
      const listed = await comments().listThreads('c1');
      expect(listed.map((t) => t.id)).toEqual(['early', 'late']);
      expect(listed[0]!.comments.map((c) => c.id)).toEqual(['early-1', 'r1', 'r2']);
    });

    it('a comment can be edited and emptied; resolution is set and cleared', async () => {
      await comments().createThread(thread('t1'));
      await comments().updateComment('t1-1', { text: 'anders', editedAt: at(9), deletedAt: null });
      expect((await comments().getThread('t1'))!.comments[0]).toMatchObject({ text: 'anders', editedAt: at(9) });
      await comments().updateComment('t1-1', { text: '', editedAt: at(9), deletedAt: at(10) });
      expect((await comments().getThread('t1'))!.comments[0]).toMatchObject({ text: '', deletedAt: at(10) });
      await comments().setResolved('t1', { by: ba, at: at(11) });
      expect((await comments().getThread('t1'))!.resolved).toEqual({ by: ba, at: at(11) });
      await comments().setResolved('t1', null);
      expect((await comments().getThread('t1'))!.resolved).toBeNull();
    });

    it('read marks are per user and per case, and never move back', async () => {
      await comments().createThread(thread('t1'));
      await comments().createThread(thread('t2', 'c2'));
      await comments().markRead('u-ba', 't1', at(5));
      await comments().markRead('u-ba', 't1', at(3));
      await comments().markRead('u-ba', 't2', at(7));
      expect(await comments().readMarks('u-ba', 'c1')).toEqual({ t1: at(5) });
      expect(await comments().readMarks('u-va', 'c1')).toEqual({});
      expect(await comments().readMarks('u-ba', 'c2')).toEqual({ t2: at(7) });
    });

    it('what is returned is a copy: changing it changes nothing stored', async () => {
      await comments().createThread(thread('t1'));
      const read = await comments().getThread('t1');
      read!.comments[0]!.text = 'vervalst';
      read!.quote = 'vervalst';
      expect((await comments().getThread('t1'))!.comments[0]!.text).toBe('tekst t1-1');
      expect((await comments().listThreads('c1'))[0]!.quote).toBe('vier uur');
    });
  });
}
