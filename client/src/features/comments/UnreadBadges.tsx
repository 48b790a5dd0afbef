import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commentsApi } from './commentsApi.ts';
import { useComments } from './CommentsContext.tsx';

/** The case header's way to the case's comments, with this user's unread count. */
export function CommentsHeaderButton() {
  const { t } = useTranslation();
  const context = useComments();
  if (!context) return null;
  const { unread } = context.comments;
  return (
    <button type="button" className="comments-button" data-testid="comments-unread" data-count={unread} onClick={context.showInbox}>
      {t('comments.nav')}
      {unread > 0 && <span className="comment-unread">{t('comments.unread', { count: unread })}</span>}
    </button>
  );
}

/** Unread comments per case over the user's cases (case id -> count), once loaded. */
export function useInbox(): ReadonlyMap<string, number> {
  const [unread, setUnread] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    let active = true;
    commentsApi.inbox().then(
      (entries) => active && setUnread(new Map(entries.map((entry) => [entry.caseId, entry.unread]))),
      // Without the counts the list still works: it only lacks the badges.
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, []);
  return unread;
}

/** A case's unread comments in the case list. */
export function CaseUnreadBadge({ caseId, count }: { caseId: string; count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <span className="comment-unread" data-testid={`case-unread-${caseId}`} data-count={count}>
      {t('comments.caseUnread', { count })}
    </span>
  );
}
