import { useTranslation } from 'react-i18next';
import type { TemplateSection } from '../../../../shared/template/index.ts';
import { useDateTimeFormat, useSectionLabel } from '../workspace/labels.ts';
import { useComments } from './CommentsContext.tsx';
import type { ThreadItem } from './useCaseComments.ts';

/** How much of the newest comment the list shows. */
const EXCERPT = 140;

/** The case's inbox: every thread, unread ones first; opening one marks it read and shows its text. */
export function CommentsInbox({ sections }: { sections: TemplateSection[] }) {
  const { t } = useTranslation();
  const context = useComments();
  const sectionLabel = useSectionLabel();
  const formatTime = useDateTimeFormat();
  if (!context) return null;
  const { comments, openThread } = context;
  const threads = inInboxOrder(comments.threads);
  const labelOf = (id: string) => {
    const section = sections.find((s) => s.id === id);
    return section ? sectionLabel(section) : id;
  };

  return (
    <section className="card comments-inbox" aria-labelledby="comments-inbox-heading" data-testid="comments-inbox">
      <h2 id="comments-inbox-heading">{t('comments.inbox.heading')}</h2>
      <p className="muted" data-testid="comments-inbox-summary">
        {comments.unread > 0 ? t('comments.inbox.unread', { count: comments.unread }) : t('comments.inbox.allRead')}
      </p>
      {comments.status === 'unavailable' && <p className="error">{t('comments.unavailable')}</p>}
      {comments.status === 'ready' && threads.length === 0 && <p>{t('comments.inbox.none')}</p>}
      <ul className="comments-inbox__list">
        {threads.map((thread) => {
          const newest = [...thread.comments].reverse().find((c) => !c.deletedAt);
          return (
            <li
              key={thread.id}
              data-testid="inbox-thread"
              data-thread-id={thread.id}
              data-unread={thread.unread}
              data-state={thread.resolved ? 'resolved' : 'open'}
            >
              <button type="button" className="inbox-item" onClick={() => openThread(thread.id)}>
                <span className="inbox-item__where">
                  {labelOf(thread.sectionId)} · {t(`comments.part.${thread.part}`)}
                </span>
                <span className="inbox-item__quote">“{thread.quote}”</span>
                {newest && (
                  <span className="inbox-item__newest">
                    {newest.author.name}, {formatTime(newest.createdAt)}: {excerpt(newest.text)}
                  </span>
                )}
                <span className="inbox-item__badges">
                  {thread.unread > 0 && <span className="comment-unread">{t('comments.newCount', { count: thread.unread })}</span>}
                  {thread.resolved && <span className="badge">{t('comments.resolved')}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Unread first, then open before resolved, then the most recent conversation first. */
function inInboxOrder(threads: ThreadItem[]): ThreadItem[] {
  const lastActivity = (thread: ThreadItem) => thread.comments.reduce((latest, c) => (c.createdAt > latest ? c.createdAt : latest), thread.createdAt);
  return [...threads].sort(
    (a, b) =>
      Number(b.unread > 0) - Number(a.unread > 0) ||
      Number(a.resolved !== null) - Number(b.resolved !== null) ||
      lastActivity(b).localeCompare(lastActivity(a)),
  );
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT - 1)}…` : line;
}
