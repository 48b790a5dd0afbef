import { z } from 'zod';
import {
  ID_PATTERN,
  MAX_EMAIL_CHARS,
  MAX_NOTIFICATION_CURSOR_CHARS,
  MAX_NOTIFICATION_PAGE,
  MAX_NOTIFICATION_READ_IDS,
  DEFAULT_NOTIFICATION_PAGE,
} from './limits.ts';
import { IdParam } from './schemas.ts';

/**
 * Notifications (docs/domain.md#notifications): that the other physician, or a
 * reviewer, did something in one of the user's cases. A notification carries
 * ids, the kind, a section id and the actor's name and role, never the text of
 * the event (a rationale, a reason, an opinion, a comment).
 */
export const NOTIFICATION_KINDS = [
  'disagreement.flagged',
  'agreement.proposed',
  'agreement.signed',
  'agreement.reopened',
  'dispute.opened',
  'dispute.reviewer_invited',
  'dispute.opinion_recorded',
  'dispute.formal_route_recorded',
  'dispute.formal_route_outcome_recorded',
  'dispute.closed',
  'session.scheduled',
  'session.rescheduled',
  'session.cancelled',
  'session.accepted',
  'session.declined',
  'riv.doubt_recorded',
  'labour_expert.invited',
  'labour_expert.objected',
  'case.closed',
  'comment.created',
  'comment.replied',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The actor's role in the case, as a notification names it. */
export const NOTIFICATION_ACTOR_ROLES = ['bedrijfsarts', 'verzekeringsarts', 'reviewer', 'arbeidsdeskundige', 'operator'] as const;
export type NotificationActorRole = (typeof NOTIFICATION_ACTOR_ROLES)[number];

export interface NotificationView {
  id: string;
  caseId: string;
  kind: NotificationKind;
  /** The role in the case (bedrijfsarts/verzekeringsarts/reviewer). */
  actor: { name: string; role: string };
  /** Template section id when the event has one. */
  section: string | null;
  /** ISO time of the event. */
  at: string;
  readAt: string | null;
}

export interface NotificationList {
  /** Newest first. */
  notifications: NotificationView[];
  /** All of the user's unread notifications, not only this page's. */
  unread: number;
  /** Unread per case id; cases without unread are absent. */
  unreadByCase: Record<string, number>;
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** What `POST /api/notifications/read` answers: the counts after marking. */
export interface UnreadCounts {
  unread: number;
  unreadByCase: Record<string, number>;
}

export const EMAIL_MODES = ['immediate', 'digest', 'never'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

export const NOTIFICATION_LANGUAGES = ['nl', 'en'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

export interface NotificationSettings {
  email: string | null;
  mode: EmailMode;
  /** Hour of the daily digest, 0–23, Europe/Amsterdam time. */
  digestHour: number;
  language: NotificationLanguage;
  /** Read-only: whether the server can send e-mail at all (SMTP configured). */
  emailAvailable: boolean;
}

export const DEFAULT_NOTIFICATION_SETTINGS: Omit<NotificationSettings, 'emailAvailable'> = {
  email: null,
  mode: 'never',
  digestHour: 8,
  language: 'nl',
};

/** The time zone of the digest hour. */
export const DIGEST_TIME_ZONE = 'Europe/Amsterdam';

/** A cursor as the server hands it out (opaque to the client). */
export const NotificationCursor = z.string().regex(new RegExp(`^[A-Za-z0-9_-]{1,${MAX_NOTIFICATION_CURSOR_CHARS}}$`), 'not a cursor');

/** The query of `GET /api/notifications`. */
export const NotificationListQuery = z.object({
  unread: z
    .enum(['true', 'false'], { message: 'true or false' })
    .optional()
    .transform((value) => value === 'true'),
  limit: z.coerce
    .number({ message: `a number from 1 to ${MAX_NOTIFICATION_PAGE}` })
    .int(`a number from 1 to ${MAX_NOTIFICATION_PAGE}`)
    .min(1, `a number from 1 to ${MAX_NOTIFICATION_PAGE}`)
    .max(MAX_NOTIFICATION_PAGE, `a number from 1 to ${MAX_NOTIFICATION_PAGE}`)
    .default(DEFAULT_NOTIFICATION_PAGE),
  before: NotificationCursor.optional(),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

const NotificationId = z.string().regex(ID_PATTERN, 'not a notification id');

/** The body of `POST /api/notifications/read`: some ids, one case, or all. */
export const MarkReadInput = z.union([
  z.strictObject({ ids: z.array(NotificationId).min(1, 'at least one id').max(MAX_NOTIFICATION_READ_IDS, `at most ${MAX_NOTIFICATION_READ_IDS} ids`) }),
  z.strictObject({ caseId: IdParam('case') }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkReadInput = z.infer<typeof MarkReadInput>;

/** A plain address: one @, no spaces, a dot in the domain. */
export const NotificationEmail = z
  .string()
  .trim()
  .max(MAX_EMAIL_CHARS, `at most ${MAX_EMAIL_CHARS} characters`)
  .regex(/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/, 'not an e-mail address');

/** The body of `PUT /api/notification-settings`. E-mail other than 'never' needs an address. */
export const NotificationSettingsInput = z
  .object({
    /** An empty or blank address means none. */
    email: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
      z.union([NotificationEmail, z.null()], { message: 'not an e-mail address' }),
    ),
    mode: z.enum(EMAIL_MODES, { message: `one of ${EMAIL_MODES.join(', ')}` }),
    digestHour: z.number({ message: 'an hour from 0 to 23' }).int('an hour from 0 to 23').min(0, 'an hour from 0 to 23').max(23, 'an hour from 0 to 23'),
    language: z.enum(NOTIFICATION_LANGUAGES, { message: `one of ${NOTIFICATION_LANGUAGES.join(', ')}` }),
  })
  .superRefine(({ email, mode }, context) => {
    if (mode !== 'never' && email === null) context.addIssue({ code: 'custom', path: ['email'], message: 'an address is needed to send e-mail' });
  });
export type NotificationSettingsInput = z.infer<typeof NotificationSettingsInput>;
