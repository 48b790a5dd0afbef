import type { IncomingMessage } from 'node:http';
import { parseDocName } from '../../shared/docNames.ts';
import { CloseCode } from '../../shared/limits.ts';
import type { AuditActor, AuditEvent } from '../audit/Audit.ts';
import { tokenFromHeaders, type Authenticator } from '../auth/Authenticator.ts';
import { hasSecondFactor } from '../auth/tokens.ts';
import { clientAddress } from '../net/clientAddress.ts';
import { denial, documentAccessOf, participation } from '../policies/participation.ts';
import type { RecordStore, TemplateStore, WorkflowStore } from '../store/ports.ts';
import type { ConnectionContext } from './ClientConnection.ts';

export const COLLAB_PATH_PREFIX = '/collab/';

export type ConnectionDecision = { ok: true; context: ConnectionContext } | { ok: false; code: number; reason: string; actor: AuditActor; audit: AuditEvent };

export interface AuthorizeDeps {
  authenticator: Authenticator;
  records: RecordStore;
  workflow: WorkflowStore;
  templates: TemplateStore;
  hasRoomFor(userId: string): boolean;
  isStopping(): boolean;
  /** Proxy hops whose X-Forwarded-For is trusted (TRUST_PROXY). */
  trustProxy: number;
}

/**
 * Decides, before the websocket opens, whether a request may join a document
 * and with which access (docs/architecture.md). Refusals carry a 44xx close code, which
 * tells the stock provider not to retry.
 */
export async function authorizeConnection(request: IncomingMessage, deps: AuthorizeDeps): Promise<ConnectionDecision> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const anonymous: AuditActor = {
    userId: null,
    username: null,
    role: null,
    ip: clientAddress(request, deps.trustProxy),
    userAgent: request.headers['user-agent'] ?? null,
  };
  const docName = safeDecode(url.pathname.slice(COLLAB_PATH_PREFIX.length));
  const parsed = docName ? parseDocName(docName) : null;
  const refuse = (code: number, reason: string, actor: AuditActor, caseId: string | null, object: string, detail = reason) => ({
    ok: false as const,
    code,
    reason,
    actor,
    audit: denial(object, caseId, detail),
  });
  if (!parsed || !docName) return refuse(CloseCode.notFound, 'unknown document', anonymous, null, 'doc');
  if (deps.isStopping()) return refuse(CloseCode.tryAgainLater, 'server shutting down', anonymous, parsed.caseId, `doc:${parsed.part}`);
  const object = `doc:${parsed.part}`;

  const principal = await deps.authenticator.authenticate(url.searchParams.get('token') ?? tokenFromHeaders(request.headers));
  if (!principal) return refuse(CloseCode.unauthenticated, 'authentication required', anonymous, parsed.caseId, object);
  const { user } = principal;
  const actor: AuditActor = { ...anonymous, userId: user.id, username: user.username, role: user.role, organisationId: user.organisationId };

  const decision = await participation(deps, parsed.caseId, user.id, 'read');
  if (!decision.ok) return refuse(CloseCode.forbidden, 'no access to this document', actor, parsed.caseId, object, decision.refusal);
  const caseRole = decision.role;
  const access = documentAccessOf(caseRole, parsed.part);
  if (access === 'none') return refuse(CloseCode.forbidden, 'no access to this document', actor, parsed.caseId, object);
  if (!deps.hasRoomFor(user.id)) return refuse(CloseCode.tooManyConnections, 'too many connections', actor, parsed.caseId, object);

  return {
    ok: true,
    context: {
      userId: user.id,
      username: user.username,
      name: user.name,
      role: user.role,
      organisationId: user.organisationId,
      caseRole,
      caseId: parsed.caseId,
      docName,
      part: parsed.part,
      access,
      tokenId: principal.claims.jti,
      tokenExpiresAt: principal.claims.exp,
      sessionId: principal.claims.sid ?? null,
      sessionVersion: principal.claims.sv ?? 0,
      secondFactor: hasSecondFactor(principal.claims),
      ip: actor.ip,
      userAgent: actor.userAgent,
    },
  };
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
