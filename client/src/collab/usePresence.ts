import { useEffect, useState } from 'react';
import type { CaseRole } from '../../../shared/roles.ts';
import type { CollabDoc } from './useCollabDoc.ts';
import type { PresenceUser } from './useCaseDocuments.ts';

export interface Presence {
  user: PresenceUser;
  /** The section this physician is working in, if any. */
  section: string | null;
}

/**
 * Who is in the case right now and where: read from the joint document's
 * awareness, which both physicians always hold open. This browser's own
 * entry counts only while its connection to the joint document is up:
 * offline, the physician is present for nobody else either.
 */
export function usePresence(joint: CollabDoc | null, section: string | null): Map<CaseRole, Presence> {
  const [present, setPresent] = useState(new Map<CaseRole, Presence>());

  useEffect(() => {
    joint?.provider.awareness.setLocalStateField('section', section);
  }, [joint, section]);

  useEffect(() => {
    if (!joint) return;
    const awareness = joint.provider.awareness;
    const read = () => {
      const next = new Map<CaseRole, Presence>();
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID && !joint.provider.wsconnected) continue;
        const user = state.user as PresenceUser | undefined;
        if (user?.role === 'ba' || user?.role === 'va') next.set(user.role, { user, section: (state.section as string | null) ?? null });
      }
      // The carets move the awareness with every keystroke; who is where changes far less often.
      setPresent((current) => (samePresence(current, next) ? current : next));
    };
    read();
    awareness.on('change', read);
    joint.provider.on('status', read);
    return () => {
      awareness.off('change', read);
      joint.provider.off('status', read);
    };
  }, [joint]);

  return present;
}

function samePresence(a: ReadonlyMap<CaseRole, Presence>, b: ReadonlyMap<CaseRole, Presence>): boolean {
  if (a.size !== b.size) return false;
  for (const [role, here] of a) {
    const there = b.get(role);
    if (
      !there ||
      there.section !== here.section ||
      there.user.name !== here.user.name ||
      there.user.color !== here.user.color ||
      there.user.role !== here.user.role
    )
      return false;
  }
  return true;
}
