import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'refused';

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
 */
export function useCollabDoc(docName: string): { collab: CollabDoc | null; status: ConnectionStatus } {
  const [collab, setCollab] = useState<CollabDoc | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');

  useEffect(() => {
    const doc = new Y.Doc();
    // Cross-tab BroadcastChannel sync is off: every change must pass the server's access check.
    const provider = new WebsocketProvider(collabUrl(), docName, doc, { disableBc: true });
    const onStatus = ({ status: next }: { status: 'connected' | 'connecting' | 'disconnected' }) => setStatus(next);
    const onClosed = () => setStatus('refused');
    provider.on('status', onStatus);
    provider.on('closed', onClosed);
    setCollab({ doc, provider });
    return () => {
      provider.off('status', onStatus);
      provider.off('closed', onClosed);
      provider.destroy();
      doc.destroy();
      setCollab(null);
    };
  }, [docName]);

  return { collab, status };
}
