import { RENEW_GUARD_MS, renewAfterRefusal } from '../features/auth/sessionRefresh.ts';
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

  useEffect(
    () => openCollabDoc(docName, access, userId, { setCollab, setStatus, setNotice, restart: () => setGeneration((current) => current + 1) }),
    [docName, access, userId, generation],
  );

  return { collab, status, notice, dismiss: () => setNotice(null) };
}

/** Where an open document reports to the hook. */
interface Sinks {
  setCollab: (collab: CollabDoc | null) => void;
  setStatus: (status: DocStatus) => void;
  setNotice: (notice: CollabNotice) => void;
  /** Start over with a fresh copy (a new generation). */
  restart: () => void;
}

/** How far an open document has come. */
interface Progress {
  /** The local copy is loaded from IndexedDB. */
  loaded: boolean;
  /** The document has synced with the server once. */
  wasSynced: boolean;
  /** The editors have the document. */
  shown: boolean;
  /** The hook let go of it. */
  cancelled: boolean;
}

/** Opens one document (local copy, then the server's); returns what closes it again. */
function openCollabDoc(docName: string, access: CollabAccess, userId: string, sinks: Sinks): () => void {
  const doc = new Y.Doc();
  const cache = new IndexeddbPersistence(localCacheName(userId, docName), doc);
  // Cross-tab BroadcastChannel sync is off: every change must pass the server's access check.
  const provider = new WebsocketProvider(collabUrl(), docName, doc, { disableBc: true, connect: false });
  if (access === 'r') muteDocumentUpdates(provider);
  const forgetPending = () => localStorage.removeItem(pendingKey(userId, docName));
  const freshCopy = () => void cache.clearData().finally(sinks.restart);
  /**
   * This copy holds what the server refused: drop it and start again from
   * the server's, once every change it did take is confirmed (none is lost).
   */
  const startOver = onceAllConfirmed(
    () => tracker,
    () => {
      provider.disconnect();
      forgetPending();
      freshCopy();
    },
  );
  const onRefused = (refusals: WriteRefusal[]) => {
    sinks.setNotice({ kind: 'refused', refusals });
    startOver();
  };
  const tracker = access === 'rw' ? new SyncTracker(doc, provider, pendingKey(userId, docName), [provider, cache], onRefused) : null;
  const progress: Progress = { loaded: false, wasSynced: false, shown: false, cancelled: false };
  /**
   * The editors get the document once it holds the server's content (or,
   * without a server to reach, the local copy): an editor bound before
   * would meet whatever the first sync brings mid-render, also content an
   * older version stored that the editor cannot show (see SectionEditor).
   */
  const show = () => {
    if (progress.shown || progress.cancelled) return;
    progress.shown = true;
    sinks.setCollab({ name: docName, access, doc, provider, tracker });
  };
  const tooLarge = () => {
    // Not worth retrying: what was too large goes, with whatever else was not yet confirmed.
    sinks.setNotice({ kind: 'tooLarge' });
    if (tracker) forgetPending();
    freshCopy();
  };
  const unfollow = followProvider(provider, progress, { show, setStatus: sinks.setStatus, tooLarge });
  sinks.setStatus('connecting');
  const unwatch = connectWhenLoaded(provider, cache, progress, show);
  return () => {
    progress.cancelled = true;
    unwatch();
    unfollow();
    tracker?.destroy();
    provider.destroy();
    void cache.destroy();
    doc.destroy();
    sinks.setCollab(null);
  };
}

/** Runs `then` (once) as soon as the tracker has no change left unconfirmed; at once without a tracker. */
function onceAllConfirmed(tracker: () => SyncTracker | null, then: () => void): () => void {
  let started = false;
  return () => {
    if (started) return;
    started = true;
    const current = tracker();
    const whenConfirmed = () => {
      if (current && current.pending > 0) return;
      unsubscribe?.();
      then();
    };
    const unsubscribe = current?.subscribe(whenConfirmed);
    whenConfirmed();
  };
}

/** Follows the provider's connection into the document status; returns what stops following. */
function followProvider(
  provider: WebsocketProvider,
  progress: Progress,
  { show, setStatus, tooLarge }: { show: () => void; setStatus: (status: DocStatus) => void; tooLarge: () => void },
): () => void {
  const onSync = (synced: boolean) => {
    if (synced) {
      progress.wasSynced = true;
      show();
    }
    setStatus(synced ? 'synced' : progress.wasSynced ? 'reconnecting' : 'connecting');
  };
  const onStatus = ({ status: next }: { status: string }) => {
    if (next !== 'connected') setStatus(progress.wasSynced ? 'reconnecting' : 'connecting');
  };
  let renewedAt = 0;
  const refused = () => {
    show();
    setStatus('refused');
  };
  const onClosed = ({ code }: { code: number }) => {
    if (code === CloseCode.tooLarge) return tooLarge();
    // An access token that expired while the page was away: refresh the session once, then connect again.
    if (code === CloseCode.unauthenticated && Date.now() - renewedAt > RENEW_GUARD_MS) {
      renewedAt = Date.now();
      void renewAfterRefusal().then((renewed) => (renewed && !progress.cancelled ? provider.connect() : refused()));
      return;
    }
    refused();
  };
  // The server cannot be reached: work goes on in the local copy.
  const unreachable = () => {
    if (progress.loaded) show();
  };
  provider.on('sync', onSync);
  provider.on('status', onStatus);
  provider.on('closed', onClosed);
  provider.on('connection-close', unreachable);
  provider.on('connection-error', unreachable);
  return () => {
    provider.off('sync', onSync);
    provider.off('status', onStatus);
    provider.off('closed', onClosed);
    provider.off('connection-close', unreachable);
    provider.off('connection-error', unreachable);
  };
}

/**
 * Connects once the local copy is in the document, so that the first sync
 * carries whatever was written offline. (Also keeps React's StrictMode
 * double mount from opening a socket for the discarded first mount.) Returns
 * what stops watching the network.
 */
function connectWhenLoaded(provider: WebsocketProvider, cache: IndexeddbPersistence, progress: Progress, show: () => void): () => void {
  void cache.whenSynced.then(() => {
    progress.loaded = true;
    if (progress.cancelled) return;
    if (navigator.onLine) provider.connect();
    else show();
  });
  // Without a network there is nothing to retry; back online, connect at once instead of after a backoff.
  const offline = () => {
    provider.disconnect();
    if (progress.loaded) show();
  };
  const online = () => {
    if (progress.loaded && !progress.cancelled) provider.connect();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  return () => {
    window.removeEventListener('offline', offline);
    window.removeEventListener('online', online);
  };
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
