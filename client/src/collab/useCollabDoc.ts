import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { DocAccess } from '../../../shared/permissions.ts';
import { localCacheName, pendingKey } from '../offline/localData.ts';
import { SyncTracker } from './syncTracker.ts';

/**
 * - `synced`: live, showing the server's content;
 * - `connecting`: the first connection is being made;
 * - `reconnecting`: the connection was lost and is being restored;
 * - `refused`: the server refused access (a 44xx close); no retry.
 */
export type DocStatus = 'connecting' | 'synced' | 'reconnecting' | 'refused';

export type CollabAccess = Exclude<DocAccess, 'none'>;

export interface CollabDoc {
  name: string;
  access: CollabAccess;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Changes not yet confirmed by the server; null for read-only documents (they never change here). */
  tracker: SyncTracker | null;
}

/** The websocket endpoint on the page's own origin; the session cookie authenticates. */
export function collabUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/collab`;
}

/**
 * One collaborative document for as long as the component lives: kept in
 * IndexedDB (work made offline survives a reload) and synced over the
 * y-websocket protocol once the local copy is loaded. The server decides read
 * or write access; a read-only document never sends updates.
 */
export function useCollabDoc(docName: string, access: CollabAccess, userId: string): { collab: CollabDoc | null; status: DocStatus } {
  const [collab, setCollab] = useState<CollabDoc | null>(null);
  const [status, setStatus] = useState<DocStatus>('connecting');

  useEffect(() => {
    const doc = new Y.Doc();
    const cache = new IndexeddbPersistence(localCacheName(userId, docName), doc);
    // Cross-tab BroadcastChannel sync is off: every change must pass the server's access check.
    const provider = new WebsocketProvider(collabUrl(), docName, doc, { disableBc: true, connect: false });
    if (access === 'r') muteDocumentUpdates(provider);
    const tracker = access === 'rw' ? new SyncTracker(doc, provider, pendingKey(userId, docName), [provider, cache]) : null;
    let wasSynced = false;
    const onSync = (synced: boolean) => {
      if (synced) wasSynced = true;
      setStatus(synced ? 'synced' : wasSynced ? 'reconnecting' : 'connecting');
    };
    const onStatus = ({ status: next }: { status: string }) => {
      if (next !== 'connected') setStatus(wasSynced ? 'reconnecting' : 'connecting');
    };
    const onClosed = () => setStatus('refused');
    provider.on('sync', onSync);
    provider.on('status', onStatus);
    provider.on('closed', onClosed);
    setStatus('connecting');
    setCollab({ name: docName, access, doc, provider, tracker });
    // Connect once the local copy is in the document, so that the first sync
    // carries whatever was written offline. (Also keeps React's StrictMode
    // double mount from opening a socket for the discarded first mount.)
    let cancelled = false;
    let loaded = false;
    void cache.whenSynced.then(() => {
      loaded = true;
      if (!cancelled && navigator.onLine) provider.connect();
    });
    // Without a network there is nothing to retry; back online, connect at once instead of after a backoff.
    const offline = () => provider.disconnect();
    const online = () => {
      if (loaded && !cancelled) provider.connect();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      cancelled = true;
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      provider.off('sync', onSync);
      provider.off('status', onStatus);
      provider.off('closed', onClosed);
      tracker?.destroy();
      provider.destroy();
      void cache.destroy();
      doc.destroy();
      setCollab(null);
    };
  }, [docName, access, userId]);

  return { collab, status };
}

/**
 * Stops the provider from sending local document changes. The server ignores
 * them on a read-only connection anyway, but it also audits each one as a
 * denied write, and the editor binding can change its local copy on its own
 * (it drops nodes the editor has no schema for): a reader must not show up in
 * the audit trail as trying to change the other physician's position.
 */
function muteDocumentUpdates(provider: WebsocketProvider): void {
  provider.doc.off('update', provider._updateHandler);
}
