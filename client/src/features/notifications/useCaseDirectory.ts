import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseSummary } from '../../../../shared/api.ts';
import { api } from '../../api.ts';

/** The user's cases by id: what a notification needs to name its case and, through the case's template, its section. */
export interface CaseDirectory {
  get(caseId: string): CaseSummary | undefined;
  /** Asks the server again when `caseId` is not known yet (a case the user joined since). Stable. */
  learn(caseId: string): void;
}

/**
 * The user's case list (GET /api/cases), loaded when a notification is first
 * named (not with every page: the case page has no use for the whole list)
 * and again when a notification names a case not in it.
 */
export function useCaseDirectory(): CaseDirectory {
  const [cases, setCases] = useState<ReadonlyMap<string, CaseSummary>>(new Map());
  const known = useRef(cases);
  useEffect(() => {
    known.current = cases;
  }, [cases]);
  const loading = useRef(false);
  const loaded = useRef(false);

  const load = useCallback(() => {
    if (loading.current) return;
    loading.current = true;
    api.cases().then(
      (list) => {
        loading.current = false;
        loaded.current = true;
        setCases(new Map(list.map((c) => [c.id, c])));
      },
      // Without the list a notification still says what happened, only not in which case by name.
      () => void (loading.current = false),
    );
  }, []);

  const learn = useCallback((caseId: string) => (known.current.has(caseId) ? undefined : load()), [load]);
  const get = useCallback(
    (caseId: string) => {
      const found = cases.get(caseId);
      // Asked for while rendering: the list is requested after it, and its answer renders the name.
      if (!found && !loaded.current) queueMicrotask(load);
      return found;
    },
    [cases, load],
  );
  return useMemo(() => ({ get, learn }), [get, learn]);
}
