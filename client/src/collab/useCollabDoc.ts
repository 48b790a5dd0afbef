import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { WriteRefusal } from '../../../shared/collabProtocol.ts';
import { CloseCode } from '../../../shared/limits.ts';
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

/**
 * What the server did not take of this browser's changes, to tell the user:
 * - `refused`: part of a change was not stored (a section locked by an
 *   agreement, or content the editor does not write); the rest was;
 * - `tooLarge`: a change was too large to store (CloseCode.tooLarge).
 * Either way this browser's copy of the document is replaced by the server's.
 */
export type CollabNotice = { kind: 'refused'; refusals: WriteRefusal[] } | { kind: 'tooLarge' };

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
export function useCollabDoc(
  docName: string,
  access: CollabAccess,
  userId: string,
): { collab: CollabDoc | null; status: DocStatus; notice: CollabNotice | null; dismiss: () => void } {
  const [collab, setCollab] = useState<CollabDoc | null>(null);
  const [status, setStatus] = useState<DocStatus>('connecting');
  const [notice, setNotice] = useState<CollabNotice | null>(null);
  // A new generation is a fresh copy of the document, made from the server's.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const doc = new Y.Doc();
    const cache = new IndexeddbPersistence(localCacheName(userId, docName), doc);
    // Cross-tab BroadcastChannel sync is off: every change must pass the server's access check.
    const provider = new WebsocketProvider(collabUrl(), docName, doc, { disableBc: true, connect: false });
    if (access === 'r') muteDocumentUpdates(provider);
    let resetting = false;
    /**
     * This copy holds what the server refused: drop it and start again from
     * the server's, once every change it did take is confirmed (none is lost).
     */
    const startOver = () => {
      if (resetting) return;
      resetting = true;
      const whenConfirmed = () => {
        if (tracker && tracker.pending > 0) return;
        unsubscribe?.();
        provider.disconnect();
        localStorage.removeItem(pendingKey(userId, docName));
        void cache.clearData().finally(() => setGeneration((current) => current + 1));
      };
      const unsubscribe = tracker?.subscribe(whenConfirmed);
      whenConfirmed();
    };
    const onRefused = (refusals: WriteRefusal[]) => {
      setNotice({ kind: 'refused', refusals });
      startOver();
    };
    const tracker = access === 'rw' ? new SyncTracker(doc, provider, pendingKey(userId, docName), [provider, cache], onRefused) : null;
    let wasSynced = false;
    let cancelled = false;
    let shown = false;
    /**
     * The editors get the document once it holds the server's content (or,
     * without a server to reach, the local copy): an editor bound before
     * would meet whatever the first sync brings mid-render, also content an
     * older version stored that the editor cannot show (see SectionEditor).
     */
    const show = () => {
      if (shown || cancelled) return;
      shown = true;
      setCollab({ name: docName, access, doc, provider, tracker });
    };
    const onSync = (synced: boolean) => {
      if (synced) {
        wasSynced = true;
        show();
      }
      setStatus(synced ? 'synced' : wasSynced ? 'reconnecting' : 'connecting');
    };
    const onStatus = ({ status: next }: { status: string }) => {
      if (next !== 'connected') setStatus(wasSynced ? 'reconnecting' : 'connecting');
    };
    const onClosed = ({ code }: { code: number }) => {
      if (code !== CloseCode.tooLarge) {
        show();
        return setStatus('refused');
      }
      // Not worth retrying: what was too large goes, with whatever else was not yet confirmed.
      setNotice({ kind: 'tooLarge' });
      if (tracker) localStorage.removeItem(pendingKey(userId, docName));
      void cache.clearData().finally(() => setGeneration((current) => current + 1));
    };
    // The server cannot be reached: work goes on in the local copy.
    const unreachable = () => {
      if (loaded) show();
    };
    provider.on('sync', onSync);
    provider.on('status', onStatus);
    provider.on('closed', onClosed);
    provider.on('connection-close', unreachable);
    provider.on('connection-error', unreachable);
    setStatus('connecting');
    // Connect once the local copy is in the document, so that the first sync
    // carries whatever was written offline. (Also keeps React's StrictMode
    // double mount from opening a socket for the discarded first mount.)
    let loaded = false;
    void cache.whenSynced.then(() => {
      loaded = true;
      if (cancelled) return;
      if (navigator.onLine) provider.connect();
      else show();
    });
    // Without a network there is nothing to retry; back online, connect at once instead of after a backoff.
    const offline = () => {
      provider.disconnect();
      unreachable();
    };
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
      provider.off('connection-close', unreachable);
      provider.off('connection-error', unreachable);
      tracker?.destroy();
      provider.destroy();
      void cache.destroy();
      doc.destroy();
      setCollab(null);
    };
  }, [docName, access, userId, generation]);

  return { collab, status, notice, dismiss: () => setNotice(null) };
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
