import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOC_PARTS } from '../../../../shared/docNames.ts';
import { useComments, type CommentsContextValue, type Reveal } from './CommentsContext.tsx';
import { NewThreadForm } from './NewThreadForm.tsx';
import { useRanges, type RangeStore } from './rangeStore.ts';
import { ThreadCard } from './ThreadCard.tsx';
import type { ThreadItem } from './useCaseComments.ts';

/**
 * The margin of a section card: its threads beside the editors, in the order
 * of their text (the BA's position, the VA's, the joint draft; detached ones
 * last in each), and the thread being written.
 */
export function CommentMargin({ sectionId, sectionLabel }: { sectionId: string; sectionLabel: string }) {
  const context = useComments();
  return context ? <Margin sectionId={sectionId} sectionLabel={sectionLabel} context={context} /> : null;
}

function Margin({ sectionId, sectionLabel, context }: { sectionId: string; sectionLabel: string; context: CommentsContextValue }) {
  const { t } = useTranslation();
  const ranges = useRanges(context.ranges);
  const threads = inTextOrder(
    context.comments.threads.filter((thread) => thread.sectionId === sectionId),
    ranges,
  );
  const draft = context.draft?.sectionId === sectionId ? context.draft : null;
  const [expanded, toggle] = useExpanded(context.reveal, threads);
  if (threads.length === 0 && !draft) return null;
  const headingId = `comments-${sectionId}-heading`;
  const listId = `comments-${sectionId}-threads`;

  return (
    <section className="comment-margin" aria-labelledby={headingId} data-testid={`comment-margin-${sectionId}`}>
      <h3 id={headingId} className="comment-margin__title">
        <button
          type="button"
          className="comment-margin__toggle"
          aria-expanded={expanded}
          aria-controls={listId}
          data-testid={`comment-margin-toggle-${sectionId}`}
          onClick={toggle}
        >
          <span aria-hidden="true">{expanded ? '▾' : '▸'} </span>
          {t('workspaceUi.marginToggle', { count: threads.length })}{' '}
          <span className="visually-hidden">{t('comments.marginSection', { section: sectionLabel })}</span>
        </button>
      </h3>
      {draft && <NewThreadForm key={draft.anchor.start + draft.anchor.end} draft={draft} />}
      <ol className="comment-margin__threads" id={listId} hidden={!expanded}>
        {threads.map((thread) => (
          <li key={thread.id}>
            <ThreadCard thread={thread} range={ranges.get(thread.id)} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function inTextOrder(threads: ThreadItem[], ranges: RangeStore): ThreadItem[] {
  const where = (thread: ThreadItem) => ranges.get(thread.id)?.from ?? Number.MAX_SAFE_INTEGER;
  return [...threads].sort((a, b) => DOC_PARTS.indexOf(a.part) - DOC_PARTS.indexOf(b.part) || where(a) - where(b) || a.createdAt.localeCompare(b.createdAt));
}

/**
 * Whether the margin's threads show: the physician may fold them away (the
 * count stays in the heading); a thread revealed after that (its text
 * clicked, opened from the inbox) shows them again, in the same render, so
 * that the thread can take focus.
 */
function useExpanded(reveal: Reveal | null, threads: ThreadItem[]): [boolean, () => void] {
  const [collapsedAt, setCollapsedAt] = useState<number | null>(null);
  const revealedHere = reveal !== null && collapsedAt !== null && reveal.nonce >= collapsedAt && threads.some((thread) => thread.id === reveal.threadId);
  const expanded = collapsedAt === null || revealedHere;
  const toggle = () => setCollapsedAt(expanded ? Date.now() : null);
  return [expanded, toggle];
}
