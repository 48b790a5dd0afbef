import type { DocPart } from '../../shared/docNames.ts';
import { exhaustive } from '../../shared/exhaustive.ts';
import { commentAccess, docAccess, type DocAccess } from '../../shared/permissions.ts';
import { activeLabourExpert } from '../../shared/workflow/labourExpert.ts';
import type { AccessRole, CaseRole } from '../../shared/roles.ts';
import type { Audit, AuditActor, AuditEvent } from '../audit/Audit.ts';
import { AppError, forbidden, isCaseIntegrityError } from '../errors.ts';
import { normalizeStoredState } from '../workflow/caseCheck.ts';
import type { CaseRecord, MemberRecord, RecordStore, TemplateStore, UserRecord, WorkflowStore } from '../store/ports.ts';

/**
 * Who takes part in a case, and what they may do in it: the one policy every
 * command, read model, socket.io room and the collaboration relay ask. A user
 * takes part as its BA or VA, as the reviewer invited into one of its open
 * disputes, as the arbeidsdeskundige invited into it (until revoked or the
 * case closes), or not at all.
 */
export interface ParticipationStores {
  records: RecordStore;
  workflow: WorkflowStore;
  templates: TemplateStore;
}

/**
 * What a participant wants to do in a case. `read`: read the case, its
 * workflow, sessions, comments and documents, follow its pushes, and run
 * workflow commands (the domain decides which). `write-comments`: start,
 * answer, edit, delete or resolve comments. `sessions`: be present in the
 * case's consultation sessions. `versions`: take a version of the case's
 * documents (reading versions is `read`). `export`: export the case (dossier,
 * FHIR, the employer's PDF) and read its employer summary: its physicians,
 * never an invited reviewer. `employer-summary`: write and release the summary
 * for the employer: the BA alone, whose words it is. `handover`: read what the
 * physicians hand over to the arbeidsdeskundige (the agreed positions and
 * residual disagreements, the released employer summary, the dossier export):
 * the physicians and the invited arbeidsdeskundige, who may do nothing else.
 */
export type CaseUse = 'read' | 'write-comments' | 'sessions' | 'versions' | 'export' | 'employer-summary' | 'handover';

/** Why a user may not do it; the detail of the audited refusal. */
export type Refusal = 'not-a-member' | 'reviewer-read-only' | 'not-a-physician' | 'versions-physicians-only' | 'not-the-ba' | 'labour-expert-handover-only';

export type ParticipationDecision = { ok: true; role: AccessRole } | { ok: false; refusal: Refusal };

/** The user's role in a case, or null when they are not a member. */
export function caseRoleOf(user: Pick<UserRecord, 'id'>, members: MemberRecord[]): CaseRole | null {
  return members.find((member) => member.userId === user.id)?.caseRole ?? null;
}

/** An administrator manages users and cases but is never a member, so never reaches the documents. */
export function canAdminister(user: Pick<UserRecord, 'role'>): boolean {
  return user.role === 'admin';
}

/**
 * How a user takes part in a case: its BA or VA, the reviewer of one of its
 * open disputes, its invited arbeidsdeskundige, or null. The invitation is
 * read from the verified state row, so one slipped into the store opens nothing.
 */
export async function accessRoleOf(stores: ParticipationStores, caseId: string, userId: string): Promise<AccessRole | null> {
  const role = caseRoleOf({ id: userId }, await stores.records.listMembers(caseId));
  if (role) return role;
  if (await stores.workflow.isReviewer(caseId, userId)) return 'reviewer';
  return (await isInvitedLabourExpert(stores, caseId, userId)) ? 'labour-expert' : null;
}

async function isInvitedLabourExpert(stores: ParticipationStores, caseId: string, userId: string): Promise<boolean> {
  const record = await stores.workflow.load(caseId).catch((error: unknown) => {
    if (isCaseIntegrityError(error)) return null;
    throw error;
  });
  return record !== null && activeLabourExpert(normalizeStoredState(record.state)) === userId;
}

/** The two physicians of a case, not an invited reviewer. */
export function isPhysician(role: AccessRole | null): role is CaseRole {
  return role === 'ba' || role === 'va';
}

/** The rule: null when a user with this role may, else why not. */
export function refusalFor(role: AccessRole | null, use: CaseUse): Refusal | null {
  if (role === null) return 'not-a-member';
  if (role === 'labour-expert') return use === 'handover' ? null : 'labour-expert-handover-only';
  if (use === 'handover') return isPhysician(role) ? null : 'not-a-physician';
  if (use === 'write-comments' && commentAccess(role) !== 'rw') return 'reviewer-read-only';
  if ((use === 'sessions' || use === 'export') && !isPhysician(role)) return 'not-a-physician';
  if (use === 'versions' && !isPhysician(role)) return 'versions-physicians-only';
  if (use === 'employer-summary' && role !== 'ba') return isPhysician(role) ? 'not-the-ba' : 'not-a-physician';
  return null;
}

/** Which access to one of the case's documents a participant has (shared/permissions.ts). */
export function documentAccessOf(role: AccessRole | null, part: DocPart): DocAccess {
  return docAccess(role, part);
}

/** Whether an open document connection still has the access it was opened with. */
export async function keepsDocumentAccess(
  stores: ParticipationStores,
  connection: { caseId: string; userId: string; part: DocPart; access: DocAccess },
): Promise<boolean> {
  return documentAccessOf(await accessRoleOf(stores, connection.caseId, connection.userId), connection.part) === connection.access;
}

/** Decides without auditing: the transports audit (in the background) and answer in their own way. */
export async function participation(stores: ParticipationStores, caseId: string, userId: string, use: CaseUse): Promise<ParticipationDecision> {
  const role = await accessRoleOf(stores, caseId, userId);
  const refusal = refusalFor(role, use);
  return refusal === null && role !== null ? { ok: true, role } : { ok: false, refusal: refusal ?? 'not-a-member' };
}

/** The one audit row of a refused access. */
export function denial(object: string, caseId: string | null, detail: string): AuditEvent {
  return { action: 'denied', outcome: 'denied', object, caseId, detail };
}

export interface ParticipantRequest {
  caseId: string;
  userId: string;
  actor: AuditActor;
  /** What the audit row names: `workflow`, `section:d240`, `comments`. */
  object: string;
  use: CaseUse;
}

/**
 * The check of every command and read model: the case exists and the user
 * may do this in it; else the refusal is audited and a 403 thrown, which
 * tells an outsider nothing, not even whether the case exists.
 */
export async function requireParticipant(
  deps: ParticipationStores & { audit: Audit },
  request: ParticipantRequest,
): Promise<{ record: CaseRecord; role: AccessRole }> {
  const [record, decision] = await Promise.all([deps.records.getCase(request.caseId), participation(deps, request.caseId, request.userId, request.use)]);
  if (record && decision.ok) return { record, role: decision.role };
  const refusal = decision.ok ? 'not-a-member' : decision.refusal;
  await deps.audit.record(request.actor, denial(request.object, request.caseId, refusal));
  throw refusalError(refusal, request.use);
}

function refusalError(refusal: Refusal, use: CaseUse): AppError {
  switch (refusal) {
    case 'not-a-member':
      return forbidden('You are not a member of this case');
    case 'reviewer-read-only':
      return new AppError(403, 'comment.reviewer-read-only', 'An invited reviewer reads the comments of the case but does not write them');
    case 'not-a-physician':
      return forbidden(use === 'sessions' ? 'Only the physicians of the case take part in its sessions' : 'Only the physicians of the case may do this');
    case 'versions-physicians-only':
      return new AppError(403, 'version.physicians-only', 'Only the physicians of the case take versions of it');
    case 'not-the-ba':
      return new AppError(403, 'employer_summary.ba_only', 'Only the bedrijfsarts of the case writes and releases the summary for the employer');
    case 'labour-expert-handover-only':
      return new AppError(
        403,
        'labour_expert.handover_only',
        'An invited arbeidsdeskundige reads the agreed positions, the residual disagreements, the employer summary and the dossier export, nothing else',
      );
    default:
      return exhaustive(refusal);
  }
}
