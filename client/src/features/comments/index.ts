/** Margin comments (docs/domain.md): what the rest of the client uses of them. */
import { CommentHighlights } from './commentHighlights.ts';

export { CommentMargin } from './CommentMargin.tsx';
export { CommentsInbox } from './CommentsInbox.tsx';
export { CommentsProvider } from './CommentsContext.tsx';
export { COMMENT_SHORTCUT, EditorComments } from './EditorComments.tsx';
export { CaseUnreadBadge, CommentsHeaderButton, useInbox } from './UnreadBadges.tsx';
export { useCaseComments } from './useCaseComments.ts';

/** The editor extensions the comments need in every section editor. */
export const COMMENT_EXTENSIONS = [CommentHighlights];
