import { z } from 'zod';
import { MAX_OBJECTION_REASON_CHARS, MAX_USERNAME_CHARS } from './limits.ts';
import { CASE_CLOSE_REASONS, type CaseClosure, type LabourExpertGrant } from './workflow/labourExpert.ts';
import type { DisputeOutcome, PositionSnapshot } from './workflow/types.ts';

/** The arbeidsdeskundige's part of the API (docs/contract.md): request bodies and the read model. */

export const InviteLabourExpertInput = z.object({
  /** Username of an active account with the role arbeidsdeskundige. */
  username: z.string().trim().toLowerCase().min(1, 'required').max(MAX_USERNAME_CHARS),
});
export type InviteLabourExpertInput = z.infer<typeof InviteLabourExpertInput>;

export const LabourExpertObjectionInput = z.object({
  /** Why the other physician objects; optional. */
  reason: z.string().trim().max(MAX_OBJECTION_REASON_CHARS).default(''),
});
export type LabourExpertObjectionInput = z.infer<typeof LabourExpertObjectionInput>;

export const CloseCaseInput = z.object({
  reason: z.enum(CASE_CLOSE_REASONS, { message: `one of ${CASE_CLOSE_REASONS.join(', ')}` }),
});
export type CloseCaseInput = z.infer<typeof CloseCaseInput>;

/** An arbeidsdeskundige a physician may invite. */
export interface LabourExpertCandidate {
  username: string;
  name: string;
  organisation: string | null;
}

/** A section both physicians signed: the agreed text and qualifier, as the workflow holds them. */
export interface HandedOverAgreement {
  section: string;
  text: string;
  qualifier: string | null;
  signedAt: string;
  /** Reached in a dispute, with this outcome; null when agreed without one. */
  outcome: DisputeOutcome | null;
}

/** A section a closed dispute left in residual disagreement: both positions frozen when it closed. */
export interface ResidualDisagreement {
  section: string;
  disputeId: string;
  closedAt: string;
  positions: PositionSnapshot;
}

/** `GET /api/cases/:id/labour-expert-view`: what the physicians hand over, never the live drafts. */
export interface LabourExpertView {
  case: {
    id: string;
    title: string;
    employeePseudonym: string;
    employer: string;
    firstSickDay: string;
    templateVersion: number;
    closed: CaseClosure | null;
  };
  labourExpert: LabourExpertGrant | null;
  agreed: HandedOverAgreement[];
  residual: ResidualDisagreement[];
  /** The latest release of the employer summary (GET …/export/employer.pdf), or null when none was released. */
  employerSummary: { version: number; releasedAt: string } | null;
}
