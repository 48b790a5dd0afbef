import { useTranslation } from 'react-i18next';
import { CommentText } from './CommentText.tsx';
import { useComments, type Draft } from './CommentsContext.tsx';
import { useCommentAction } from './useCommentAction.ts';

/** The server refuses an anchor it cannot find in its copy: text typed a moment ago that it has not yet received. */
const CREATE_ERRORS = { bad_request: 'comments.errors.notSaved' };

/** The first comment of a new thread on the selected text. */
export function NewThreadForm({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const context = useComments();
  const action = useCommentAction(CREATE_ERRORS);
  if (!context) return null;
  const { comments, cancelDraft, setActive, revealThread } = context;

  return (
    <section className="thread thread--new" aria-labelledby="new-thread-heading" data-testid="new-thread">
      <header className="thread__header">
        <h4 id="new-thread-heading" className="thread__title">
          {t('comments.newThread')} · {t(`comments.part.${draft.part}`)}
        </h4>
      </header>
      <blockquote className="thread__quote">
        <span className="visually-hidden">{t('comments.quote')}: </span>
        {draft.quote}
      </blockquote>
      <CommentText
        label={t('comments.newLabel')}
        submitText={t('comments.place')}
        busy={action.busy}
        autoFocus
        testId="new-thread-form"
        onCancel={cancelDraft}
        onSubmit={async (text) => {
          const created = { id: '' };
          const done = await action.run(async () => {
            created.id = (await comments.create({ part: draft.part, sectionId: draft.sectionId, anchor: draft.anchor, quote: draft.quote, text })).id;
          });
          if (done) {
            cancelDraft();
            setActive(created.id);
            revealThread(created.id, 'focus');
          }
          return done;
        }}
      />
      {action.error && (
        <p role="alert" className="error small">
          {action.error}
        </p>
      )}
    </section>
  );
}
