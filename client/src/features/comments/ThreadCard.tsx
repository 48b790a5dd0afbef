import { useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '../workspace/labels.ts';
import type { TextRange } from './anchors.ts';
import { CommentItem } from './CommentItem.tsx';
import { CommentText } from './CommentText.tsx';
import { useComments, type CommentsContextValue, type Reveal } from './CommentsContext.tsx';
import { useCommentAction } from './useCommentAction.ts';
import type { ThreadItem } from './useCaseComments.ts';

interface Props {
  thread: ThreadItem;
  /** Where its text is; null: the text was deleted (detached); undefined: not known yet. */
  range: TextRange | null | undefined;
}

/**
 * One thread in the margin: the quoted text, the conversation, a reply, and
 * resolving or reopening (for those who may write comments: not a reviewer).
 * Focusing it (a click, Tab, a reply) marks it read.
 */
export function ThreadCard({ thread, range }: Props) {
  const { t } = useTranslation();
  const context = useComments();
  const card = useRef<HTMLElement>(null);
  useReveal(card, thread.id, context?.reveal ?? null);
  if (!context) return null;
  const { comments, active, hovered, setActive, setHovered } = context;
  const headingId = `thread-${thread.id}-heading`;
  const detached = range === null;
  const resolved = thread.resolved !== null;

  const take = () => {
    if (active !== thread.id) setActive(thread.id);
    // A failed mark leaves the thread unread, nothing more.
    if (thread.unread > 0) comments.markRead(thread.id).catch(() => undefined);
  };

  return (
    <article
      ref={card}
      className={['thread', resolved && 'thread--resolved', (hovered ?? active) === thread.id && 'thread--active'].filter(Boolean).join(' ')}
      aria-labelledby={headingId}
      tabIndex={-1}
      data-testid="thread"
      data-thread-id={thread.id}
      data-state={resolved ? 'resolved' : 'open'}
      data-detached={detached}
      data-unread={thread.unread}
      onMouseEnter={() => setHovered(thread.id)}
      onMouseLeave={() => setHovered(null)}
      onFocus={take}
      onClick={take}
    >
      <ThreadHeader thread={thread} headingId={headingId} resolved={resolved} />
      <blockquote className="thread__quote" data-testid="thread-quote">
        <span className="visually-hidden">{t('comments.quote')}: </span>
        {thread.quote}
      </blockquote>
      {detached && (
        <p className="thread__detached" data-testid="thread-detached">
          {t('comments.detached')}
        </p>
      )}
      <ol className="thread__comments">
        {thread.comments.map((comment) => (
          <CommentItem key={comment.id} threadId={thread.id} comment={comment} />
        ))}
      </ol>
      <ThreadActions thread={thread} context={context} />
    </article>
  );
}

function ThreadHeader({ thread, headingId, resolved }: { thread: ThreadItem; headingId: string; resolved: boolean }) {
  const { t } = useTranslation();
  return (
    <header className="thread__header">
      <h4 id={headingId} className="thread__title">
        {t(`comments.part.${thread.part}`)}
      </h4>
      {thread.unread > 0 && (
        <span className="comment-unread" data-testid="thread-unread">
          {t('comments.newCount', { count: thread.unread })}
        </span>
      )}
      {resolved && <span className="badge">{t('comments.resolved')}</span>}
    </header>
  );
}

/** The reply (or who resolved it), resolving or reopening, and what went wrong with either. */
function ThreadActions({ thread, context: { comments, mayWrite } }: { thread: ThreadItem; context: CommentsContextValue }) {
  const { t } = useTranslation();
  const formatTime = useDateTimeFormat();
  const reply = useCommentAction();
  const resolution = useCommentAction();
  const resolved = thread.resolved !== null;
  return (
    <>
      {thread.resolved ? (
        <p className="muted small" data-testid="thread-resolved">
          {t('comments.resolvedBy', { name: thread.resolved.by.name, at: formatTime(thread.resolved.at) })}
        </p>
      ) : (
        mayWrite && (
          <CommentText
            label={t('comments.replyLabel')}
            submitText={t('comments.reply')}
            busy={reply.busy}
            testId="thread-reply"
            rows={1}
            onSubmit={(text) => reply.run(() => comments.reply(thread.id, text))}
          />
        )
      )}
      {mayWrite && (
        <p className="thread__actions">
          <button
            type="button"
            className="button--secondary"
            disabled={resolution.busy}
            onClick={() => resolution.run(() => comments.setResolved(thread.id, !resolved))}
          >
            {resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        </p>
      )}
      {[reply.error, resolution.error].map(
        (error, index) =>
          error && (
            <p key={index} role="alert" className="error small">
              {error}
            </p>
          ),
      )}
    </>
  );
}

/**
 * Brings a thread into view when asked: from the inbox its text in the middle
 * of the screen and focus on the thread (once the section's editors show the
 * text); after a click in its text, the thread itself; a new one, with focus.
 */
function useReveal(card: RefObject<HTMLElement | null>, threadId: string, reveal: Reveal | null): void {
  useEffect(() => {
    const element = card.current;
    if (!element || reveal?.threadId !== threadId) return;
    if (reveal.mode !== 'text') {
      element.scrollIntoView({ block: 'nearest' });
      if (reveal.mode === 'focus') element.focus({ preventScroll: true });
      return;
    }
    // Wait for the editors of the section just shown; the workspace's own jump (focus on the section heading) comes first.
    let frames = 0;
    let handle = 0;
    const step = () => {
      const text = document.querySelector(`.editor [data-thread-id="${CSS.escape(threadId)}"]`);
      if (!text && frames++ < 30) {
        handle = requestAnimationFrame(step);
        return;
      }
      (text ?? element).scrollIntoView({ block: 'center' });
      element.focus({ preventScroll: true });
    };
    handle = requestAnimationFrame(step);
    return () => cancelAnimationFrame(handle);
  }, [card, threadId, reveal]);
}
