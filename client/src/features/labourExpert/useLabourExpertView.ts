import { useEffect, useState } from 'react';
import type { LabourExpertView } from '../../../../shared/labourExpertApi.ts';
import { ApiError } from '../../api.ts';
import { labourExpertApi } from './labourExpertApi.ts';

export type ViewState = { state: 'loading' } | { state: 'loaded'; view: LabourExpertView } | { state: 'forbidden' } | { state: 'failed' };

/**
 * What the physicians hand over to the labour expert, over HTTP only (no
 * socket.io room, no document: the labour expert is let into neither). It is
 * asked again when the page comes back into view, so an invitation that
 * ended meanwhile shows as such.
 */
export function useLabourExpertView(caseId: string): ViewState {
  const [state, setState] = useState<ViewState>({ state: 'loading' });

  useEffect(() => {
    let active = true;
    const load = () =>
      labourExpertApi.view(caseId).then(
        (view) => active && setState({ state: 'loaded', view }),
        (error: unknown) => {
          if (!active) return;
          if (error instanceof ApiError && error.status === 403) setState({ state: 'forbidden' });
          // Offline or a passing failure keeps what was shown; with nothing shown yet, it says so.
          else setState((current) => (current.state === 'loaded' ? current : { state: 'failed' }));
        },
      );
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    void load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      active = false;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [caseId]);

  return state;
}
