import { useCallback, useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { WorkflowView } from '../../../../shared/api.ts';
import { RealtimeEvent, type CaseRevoked, type WorkflowPush } from '../../../../shared/realtime.ts';
import { api, ApiError } from '../../api.ts';
import { followCase } from '../../realtime/followCase.ts';
import { acquireSocket, releaseSocket } from '../../realtime/socket.ts';
import { takePrefetched } from '../workspace/casePrefetch.ts';

export type WorkflowStatus = 'loading' | 'ready' | 'unavailable';

export interface LiveWorkflow {
  /** The case's workflow as the server last told it; null until it has. */
  workflow: WorkflowView | null;
  status: WorkflowStatus;
  /** The server said this user's access to the case ended (a reviewer whose dispute closed). */
  revoked: boolean;
  /** Takes a newer state (a command's answer); older ones are ignored. */
  accept(view: WorkflowView): void;
  /** Asks the server again, e.g. when a document connection was refused. */
  recheck(): void;
}

/**
 * The workflow of one case, live: loaded over HTTP, then kept current by the
 * server's pushes on socket.io. The server is the authority: every state shown
 * is one it sent, the newest by sequence number. After a reconnect the page
 * joins the case's room again and reloads, since pushes sent meanwhile are lost.
 */
export function useWorkflow(caseId: string): LiveWorkflow {
  const [workflow, setWorkflow] = useState<WorkflowView | null>(null);
  const [status, setStatus] = useState<WorkflowStatus>('loading');
  const [revoked, setRevoked] = useState(false);
  const [checks, setChecks] = useState(0);

  const accept = useCallback(
    (view: WorkflowView) => {
      if (view.caseId !== caseId) return;
      setWorkflow((current) => (current && current.seq > view.seq ? current : view));
      setStatus('ready');
    },
    [caseId],
  );

  useEffect(() => followWorkflow(caseId, accept, setStatus, () => setRevoked(true)), [caseId, accept]);

  // A recheck loads once more, outside the socket's rhythm.
  useEffect(() => {
    if (checks === 0) return;
    let active = true;
    api.workflow(caseId).then(
      (view) => active && accept(view),
      (error: unknown) => {
        if (active && error instanceof ApiError && error.status === 403) setRevoked(true);
      },
    );
    return () => {
      active = false;
    };
  }, [caseId, accept, checks]);

  const recheck = useCallback(() => setChecks((n) => n + 1), []);
  return { workflow, status, revoked, accept, recheck };
}

/**
 * Loads the workflow and follows the pushes about it; after a reconnect joins
 * again and reloads. Returns what stops following.
 */
function followWorkflow(
  caseId: string,
  accept: (view: WorkflowView) => void,
  setStatus: Dispatch<SetStateAction<WorkflowStatus>>,
  onRevokedAccess: () => void,
): () => void {
  let active = true;
  // The first load may have been started with the page (casePrefetch.ts); each later one asks again.
  const load = (read: () => Promise<WorkflowView> = () => api.workflow(caseId)) =>
    read().then(
      (view) => active && accept(view),
      (error: unknown) => {
        if (!active) return;
        if (error instanceof ApiError && error.status === 403) onRevokedAccess();
        else setStatus((current) => (current === 'ready' ? current : 'unavailable'));
      },
    );
  void load(() => takePrefetched(caseId, 'workflow', () => api.workflow(caseId)));

  const socket = acquireSocket();
  const unfollow = followCase(socket, caseId, () => {
    // Joined or not, the HTTP answer is decisive (a refusal there means the access ended).
    if (active) void load();
  });
  const onWorkflow = (push: WorkflowPush) => {
    if (active && push.caseId === caseId) accept(push.workflow);
  };
  const onRevoked = (event: CaseRevoked) => {
    if (active && event.caseId === caseId) onRevokedAccess();
  };
  socket.on(RealtimeEvent.workflow, onWorkflow);
  socket.on(RealtimeEvent.revoked, onRevoked);
  return () => {
    active = false;
    socket.off(RealtimeEvent.workflow, onWorkflow);
    socket.off(RealtimeEvent.revoked, onRevoked);
    unfollow();
    releaseSocket(socket);
  };
}
