import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { DocAccess } from '../../../shared/permissions.ts';

/** `connected` means synchronised: the editor shows the server's content and changes flow live. */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'refused';

export type CollabAccess = Exclude<DocAccess, 'none'>;

export interface CollabDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** The websocket endpoint on the page's own origin; the session cookie authenticates. */
export function collabUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/collab`;
}

/**
 * One collaborative document for as long as the component lives. The server
 * decides read or write access; a refusal (44xx close) stops reconnecting.
 * `access` is what the server will grant: on a read-only document the client
 * never sends document updates, only presence.
 */
export function useCollabDoc(docName: string, access: CollabAccess): { collab: CollabDoc | null; status: ConnectionStatus } {
  const [collab, setCollab] = useState<CollabDoc | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');

  useEffect(() => {
    const doc = new Y.Doc();
    // Cross-tab BroadcastChannel sync is off: every change must pass the server's access check.
    const provider = new WebsocketProvider(collabUrl(), docName, doc, { disableBc: true, connect: false });
    if (access === 'r') muteDocumentUpdates(provider);
    const onStatus = ({ status: next }: { status: 'connected' | 'connecting' | 'disconnected' }) =>
      // An open socket is not yet a live document: `connected` waits for the sync below.
      setStatus(next === 'connected' ? (provider.synced ? 'connected' : 'connecting') : next);
    const onSync = (synced: boolean) => setStatus(synced ? 'connected' : provider.wsconnected ? 'connecting' : 'disconnected');
    const onClosed = () => setStatus('refused');
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
    setStatus('connecting');
    setCollab({ doc, provider });
    // React's StrictMode mounts, unmounts and remounts every effect at once in
    // development. Connecting a task later keeps the discarded first mount from
    // opening a socket (which the server would count and audit as a connection).
    const connecting = setTimeout(() => provider.connect(), 0);
    return () => {
      clearTimeout(connecting);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.off('closed', onClosed);
      provider.destroy();
      doc.destroy();
      setCollab(null);
    };
  }, [docName, access]);

  return { collab, status };
}

/**
 * Stops the provider from sending local document changes. The server ignores
 * them on a read-only connection anyway, but it also audits each one as a
 * denied write, and the editor binding does change its local copy on its own
 * (it drops nodes the editor has no schema for): a reader must not show up in
 * the audit trail as trying to change the other physician's position.
 */
function muteDocumentUpdates(provider: WebsocketProvider): void {
  provider.doc.off('update', provider._updateHandler);
}
