import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comment } from '../../../../shared/comments.ts';
import { useDateTimeFormat } from '../workspace/labels.ts';
import { CommentText } from './CommentText.tsx';
import { useComments } from './CommentsContext.tsx';
import { useCommentAction } from './useCommentAction.ts';

type Mode = 'show' | 'edit' | 'confirmDelete';

/** One comment of a thread; its author may edit or delete it (the server allows no one else). */
export function CommentItem({ threadId, comment }: { threadId: string; comment: Comment }) {
  const { t } = useTranslation();
  const context = useComments();
  const [mode, setMode] = useState<Mode>('show');
  const action = useCommentAction();
  if (!context) return null;
  const { comments, userId, mayWrite } = context;
  const deleted = comment.deletedAt !== null;
  const mine = mayWrite && comment.author.userId === userId && !deleted;

  return (
    <li className="comment" data-testid="comment" data-comment-id={comment.id} data-deleted={deleted}>
      <CommentMeta comment={comment} deleted={deleted} />
      {deleted ? (
        <p className="comment__deleted">{t('comments.deleted')}</p>
      ) : mode === 'edit' ? (
        <CommentText
          label={t('comments.editLabel')}
          submitText={t('comments.save')}
          initial={comment.text}
          busy={action.busy}
          autoFocus
          testId="comment-edit-form"
          onCancel={() => setMode('show')}
          onSubmit={async (text) => {
            const done = await action.run(() => comments.edit(threadId, comment.id, text));
            if (done) setMode('show');
            return done;
          }}
        />
      ) : (
        <p className="comment__text" data-testid="comment-text">
          {comment.text}
        </p>
      )}
      {mine && <OwnCommentActions mode={mode} busy={action.busy} onMode={setMode} onDelete={() => action.run(() => comments.remove(threadId, comment.id))} />}
      {action.error && (
        <p role="alert" className="error small">
          {action.error}
        </p>
      )}
    </li>
  );
}

function CommentMeta({ comment, deleted }: { comment: Comment; deleted: boolean }) {
  const { t } = useTranslation();
  const formatTime = useDateTimeFormat();
  const shortTime = useShortTime();
  return (
    <p className="comment__meta">
      <strong>{comment.author.name}</strong> ·{' '}
      <time dateTime={comment.createdAt} title={formatTime(comment.createdAt)}>
        {shortTime(comment.createdAt)}
      </time>
      {comment.editedAt && !deleted && <span> · {t('comments.edited')}</span>}
    </p>
  );
}

interface OwnActionsProps {
  mode: Mode;
  busy: boolean;
  onMode: (mode: Mode) => void;
  /** Deletes the comment; true when it was. */
  onDelete: () => Promise<boolean>;
}

/** The author's edit and delete, deleting only once confirmed. */
function OwnCommentActions({ mode, busy, onMode, onDelete }: OwnActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      {mode === 'show' && (
        <p className="comment__actions">
          <button type="button" className="link-button" onClick={() => onMode('edit')}>
            {t('comments.edit')}
          </button>
          <button type="button" className="link-button" onClick={() => onMode('confirmDelete')}>
            {t('comments.delete')}
          </button>
        </p>
      )}
      {mode === 'confirmDelete' && (
        <p className="comment__actions" role="group" aria-label={t('comments.confirmDelete')}>
          <span>{t('comments.confirmDelete')}</span>{' '}
          <button
            type="button"
            className="button--danger"
            disabled={busy}
            onClick={async () => {
              if (await onDelete()) onMode('show');
            }}
          >
            {t('comments.deleteConfirmed')}
          </button>
          <button type="button" className="button--secondary" onClick={() => onMode('show')}>
            {t('comments.cancel')}
          </button>
        </p>
      )}
    </>
  );
}

/** A moment in a conversation, briefly: "22 nov. 14:02"; the year only when it is not this one. */
function useShortTime(): (isoTimestamp: string) => string {
  const { i18n } = useTranslation();
  return (isoTimestamp) => {
    const at = new Date(isoTimestamp);
    return at.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL', {
      day: 'numeric',
      month: 'short',
      ...(at.getFullYear() === new Date().getFullYear() ? {} : { year: 'numeric' }),
      hour: '2-digit',
      minute: '2-digit',
    });
  };
}
