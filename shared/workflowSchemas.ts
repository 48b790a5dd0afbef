import { z } from 'zod';
import {
  MAX_AGENDA_ITEMS,
  MAX_DECLINE_REASON_CHARS,
  MAX_DISPUTE_SECTIONS,
  MAX_EXPLANATION_CHARS,
  MAX_FORMAL_ROUTE_OUTCOME_CHARS,
  MAX_NOTES_CHARS,
  MAX_OPINION_CHARS,
  MAX_QUESTION_CHARS,
  MAX_RATIONALE_CHARS,
  MAX_REASON_CHARS,
  MAX_RIV_DOUBT_REASON_CHARS,
  MAX_SECTION_ID_CHARS,
  MAX_USERNAME_CHARS,
  MAX_VIDEO_URL_CHARS,
  SESSION_DURATION,
} from './limits.ts';
import { IdParam, IsoDate, RequiredText } from './schemas.ts';
import {
  DIFFERENCE_KINDS,
  DISPUTE_OUTCOMES,
  DISPUTE_REASONS,
  FORMAL_ROUTE_KINDS,
  FORMAL_ROUTE_REQUESTERS,
  ITEM_OUTCOMES,
  SESSION_MODES,
} from './workflow/types.ts';

/** Request bodies of the workflow commands (docs/domain.md), validated on the server. */

export const SectionIdParam = z.string().regex(new RegExp(`^[a-z0-9-]{1,${MAX_SECTION_ID_CHARS}}$`), 'not a section id');
export const DisputeIdParam = IdParam('dispute');

export const FlagInput = z.object({
  /** Why the physicians differ, in a few sentences. */
  rationale: RequiredText(MAX_RATIONALE_CHARS),
  /** What kind of difference. */
  kind: z.enum(DIFFERENCE_KINDS, { message: `one of ${DIFFERENCE_KINDS.join(', ')}` }),
});
export type FlagInput = z.infer<typeof FlagInput>;

export const SignInput = z.object({
  /** Hash of the proposal the signer read; the signature covers exactly that. */
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'a proposal hash'),
});
export type SignInput = z.infer<typeof SignInput>;

export const ReopenInput = z.object({
  /** Why an agreed position is opened again. */
  reason: RequiredText(MAX_REASON_CHARS),
});
export type ReopenInput = z.infer<typeof ReopenInput>;

const OptionalDate = IsoDate.nullable()
  .optional()
  .transform((value) => value ?? null);

export const OpenDisputeInput = z.object({
  /** Sections in disagreement that the dispute covers. */
  sections: z.array(SectionIdParam).min(1, 'at least one section').max(MAX_DISPUTE_SECTIONS),
  /** The question the dispute must answer. */
  question: RequiredText(MAX_QUESTION_CHARS),
  /** Persistent disagreement (by the rule), or an explicit choice. */
  reason: z.enum(DISPUTE_REASONS),
  /** Why, in the physician's words. */
  explanation: z.string().trim().max(MAX_EXPLANATION_CHARS).default(''),
  /** Target dates per stage (YYYY-MM-DD), each optional. */
  targets: z
    .object({ peerReview: OptionalDate, formalRoute: OptionalDate, closed: OptionalDate })
    .default({ peerReview: null, formalRoute: null, closed: null }),
});
export type OpenDisputeInput = z.infer<typeof OpenDisputeInput>;

export const InviteReviewerInput = z.object({
  /** Username of an independent physician (not a member of the case). */
  username: z.string().trim().toLowerCase().min(1, 'required').max(MAX_USERNAME_CHARS),
});
export type InviteReviewerInput = z.infer<typeof InviteReviewerInput>;

export const OpinionInput = z.object({
  /** The reviewer's written, non-binding opinion. */
  text: RequiredText(MAX_OPINION_CHARS),
});
export type OpinionInput = z.infer<typeof OpinionInput>;

export const FormalRouteInput = z.object({
  kind: z.enum(FORMAL_ROUTE_KINDS),
  /** The employer or the employee; never the physicians. */
  requestedBy: z.enum(FORMAL_ROUTE_REQUESTERS),
  requestedOn: IsoDate,
  question: RequiredText(MAX_QUESTION_CHARS),
});
export type FormalRouteInput = z.infer<typeof FormalRouteInput>;

export const FormalRouteOutcomeInput = z.object({
  text: RequiredText(MAX_FORMAL_ROUTE_OUTCOME_CHARS),
  decidedOn: IsoDate,
});
export type FormalRouteOutcomeInput = z.infer<typeof FormalRouteOutcomeInput>;

export const CloseDisputeInput = z.object({
  /** The outcome per section of the dispute. */
  outcomes: z.record(SectionIdParam, z.enum(DISPUTE_OUTCOMES)),
});
export type CloseDisputeInput = z.infer<typeof CloseDisputeInput>;

/** A start time: an ISO date-time with a time zone (what `Date.prototype.toISOString` gives, or an offset). */
const DateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, 'a date-time with a time zone, e.g. 2026-12-01T09:00:00Z')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a valid date-time')
  .transform((value) => new Date(value).toISOString());

/** Whether a video link is an https address without credentials in it. */
function isHttpsAddress(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '';
}

/**
 * The address of the video call: https only (never http:, javascript: or
 * data:), stored as the URL parser writes it, at most MAX_VIDEO_URL_CHARS long.
 */
export const VideoUrl = z
  .string()
  .trim()
  .max(MAX_VIDEO_URL_CHARS, `at most ${MAX_VIDEO_URL_CHARS} characters`)
  .refine(isHttpsAddress, 'an https:// address')
  .transform((value) => new URL(value).href)
  .refine((value) => value.length <= MAX_VIDEO_URL_CHARS, `at most ${MAX_VIDEO_URL_CHARS} characters`);

export const ScheduleSessionInput = z.object({
  /** Start, with a time zone. */
  scheduledAt: DateTime,
  /** Length in minutes. */
  durationMinutes: z
    .number()
    .int()
    .min(SESSION_DURATION.min, `at least ${SESSION_DURATION.min} minutes`)
    .max(SESSION_DURATION.max, `at most ${SESSION_DURATION.max / 60} hours`),
  mode: z.enum(SESSION_MODES),
  /** Section ids; when left out, the sections with a disagreement on record. */
  agenda: z.array(SectionIdParam).max(MAX_AGENDA_ITEMS).optional(),
  /** The video call's https address, if any. */
  videoUrl: VideoUrl.optional(),
});
export type ScheduleSessionInput = z.infer<typeof ScheduleSessionInput>;

/** As scheduling, without the agenda; `videoUrl`: an address sets it, null removes it, absent keeps it. */
export const RescheduleSessionInput = ScheduleSessionInput.omit({ agenda: true, videoUrl: true }).extend({ videoUrl: VideoUrl.nullable().optional() });
export type RescheduleSessionInput = z.infer<typeof RescheduleSessionInput>;

/** Declining a session: perhaps another start (validated as `scheduledAt`), perhaps a short reason. */
export const DeclineSessionInput = z.object({
  proposedAt: DateTime.nullable()
    .optional()
    .transform((value) => value ?? null),
  reason: z.string().trim().max(MAX_DECLINE_REASON_CHARS, `at most ${MAX_DECLINE_REASON_CHARS} characters`).default(''),
});
export type DeclineSessionInput = z.infer<typeof DeclineSessionInput>;

export const AgendaInput = z.object({ agenda: z.array(SectionIdParam).max(MAX_AGENDA_ITEMS) });
export type AgendaInput = z.infer<typeof AgendaInput>;

export const CancelSessionInput = z.object({ reason: z.string().trim().max(MAX_REASON_CHARS).default('') });
export type CancelSessionInput = z.infer<typeof CancelSessionInput>;

export const SelectItemInput = z.object({ section: SectionIdParam });
export type SelectItemInput = z.infer<typeof SelectItemInput>;

export const OutcomeInput = z.object({
  section: SectionIdParam,
  outcome: z.enum(ITEM_OUTCOMES),
  /** Notes for the minutes. */
  notes: z.string().trim().max(MAX_NOTES_CHARS).default(''),
});
export type OutcomeInput = z.infer<typeof OutcomeInput>;

export const SessionIdParam = IdParam('session');

export const RivDoubtInput = z.object({
  /** Why the BA doubts the actueel oordeel: optional, medical text. */
  reason: z
    .string()
    .trim()
    .max(MAX_RIV_DOUBT_REASON_CHARS)
    .optional()
    .transform((value) => value ?? ''),
});
export type RivDoubtInput = z.infer<typeof RivDoubtInput>;
