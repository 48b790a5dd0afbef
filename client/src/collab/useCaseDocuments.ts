import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { formatDocName, type DocPart } from '../../../shared/docNames.ts';
import { docAccess } from '../../../shared/permissions.ts';
import type { AccessRole } from '../../../shared/roles.ts';
import { useCollabDoc, type CollabAccess, type CollabDoc, type CollabNotice, type DocStatus } from './useCollabDoc.ts';

/** Caret and presence colours per case role, so each physician (and a reviewer) is recognisable everywhere. */
export const ROLE_COLOR: Record<AccessRole, string> = { ba: '#1f6feb', va: '#b35900', reviewer: '#6f42c1', 'labour-expert': '#1a7f37' };

export interface PresenceUser {
  name: string;
  role: AccessRole;
  color: string;
}

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export interface CaseDocuments {
  docs: Record<DocPart, CollabDoc | null>;
  /** The state of the whole case, as the connection indicator shows it. */
  connection: ConnectionState;
  /** What the server did not take of this browser's changes, per document, until dismissed. */
  notices: { part: DocPart; notice: CollabNotice; dismiss: () => void }[];
}

/** The three documents of a case (docs/architecture.md), with the access this user has to each. */
export function useCaseDocuments(caseId: string, myRole: AccessRole, userId: string, me: PresenceUser): CaseDocuments {
  const occupational = useCollabDoc(formatDocName({ caseId, part: 'occupational' }), accessOf(myRole, 'occupational'), userId);
  const insurance = useCollabDoc(formatDocName({ caseId, part: 'insurance' }), accessOf(myRole, 'insurance'), userId);
  const joint = useCollabDoc(formatDocName({ caseId, part: 'joint' }), accessOf(myRole, 'joint'), userId);
  const docs = useMemo(
    () => ({ occupational: occupational.collab, insurance: insurance.collab, joint: joint.collab }),
    [occupational.collab, insurance.collab, joint.collab],
  );

  // Every provider carries who this is, for the carets in each editor.
  useEffect(() => {
    for (const collab of Object.values(docs)) collab?.provider.awareness.setLocalStateField('user', me);
  }, [docs, me]);

  const online = useOnline();
  const statuses = [occupational.status, insurance.status, joint.status];
  const notices = (
    [
      ['occupational', occupational],
      ['insurance', insurance],
      ['joint', joint],
    ] as const
  ).flatMap(([part, { notice, dismiss }]) => (notice ? [{ part, notice, dismiss }] : []));
  return { docs, connection: connectionState(statuses, online), notices };
}

/** A member (or reviewer) always has at least read access to each of the case's documents. */
function accessOf(myRole: AccessRole, part: DocPart): CollabAccess {
  const access = docAccess(myRole, part);
  return access === 'none' ? 'r' : access;
}

function connectionState(statuses: DocStatus[], online: boolean): ConnectionState {
  if (statuses.includes('refused')) return 'refused';
  if (!online) return 'offline';
  if (statuses.every((status) => status === 'synced')) return 'connected';
  return statuses.includes('reconnecting') ? 'reconnecting' : 'connecting';
}

function useOnline(): boolean {
  return useSyncExternalStore(
    (notify) => {
      window.addEventListener('online', notify);
      window.addEventListener('offline', notify);
      return () => {
        window.removeEventListener('online', notify);
        window.removeEventListener('offline', notify);
      };
    },
    () => navigator.onLine,
  );
}

export interface PendingChanges {
  /** This browser's changes the server has not yet confirmed, over all documents. */
  pending: number;
  /** How many sections hold such changes (in any document): what the physician is told. */
  unsavedSections: number;
}

/**
 * The unconfirmed changes of the case's documents, live. They change with
 * every keystroke: only the small component that shows them should call this,
 * so that typing re-renders that component and not the workspace.
 */
export function usePendingChanges(docs: Record<DocPart, CollabDoc | null>): PendingChanges {
  const [pending, setPending] = useState({ pending: 0, unsavedSections: 0 });
  useEffect(() => {
    const trackers = Object.values(docs).flatMap((collab) => (collab?.tracker ? [collab.tracker] : []));
    const update = () => {
      const changes = trackers.reduce((sum, tracker) => sum + tracker.pending, 0);
      const sections = new Set(trackers.flatMap((tracker) => [...tracker.sections]));
      setPending((current) =>
        current.pending === changes && current.unsavedSections === sections.size ? current : { pending: changes, unsavedSections: sections.size },
      );
    };
    update();
    const unsubscribe = trackers.map((tracker) => tracker.subscribe(update));
    return () => unsubscribe.forEach((stop) => stop());
  }, [docs]);
  return pending;
}
