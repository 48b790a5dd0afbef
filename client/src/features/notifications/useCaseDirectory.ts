import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CaseSummary } from '../../../../shared/api.ts';
import { api } from '../../api.ts';

/** The user's cases by id: what a notification needs to name its case and, through the case's template, its section. */
export interface CaseDirectory {
  get(caseId: string): CaseSummary | undefined;
  /** Asks the server again when `caseId` is not known yet (a case the user joined since). Stable. */
  learn(caseId: string): void;
}

/** The user's case list (GET /api/cases), loaded once and again when a notification names a case not in it. */
export function useCaseDirectory(): CaseDirectory {
  const [cases, setCases] = useState<ReadonlyMap<string, CaseSummary>>(new Map());
  const known = useRef(cases);
  useEffect(() => {
    known.current = cases;
  }, [cases]);
  const loading = useRef(false);

  const load = useCallback(() => {
    if (loading.current) return;
    loading.current = true;
    api.cases().then(
      (list) => {
        loading.current = false;
        setCases(new Map(list.map((c) => [c.id, c])));
      },
      // Without the list a notification still says what happened, only not in which case by name.
      () => void (loading.current = false),
    );
  }, []);

  useEffect(load, [load]);

  const learn = useCallback((caseId: string) => (known.current.has(caseId) ? undefined : load()), [load]);
  return useMemo(() => ({ get: (caseId: string) => cases.get(caseId), learn }), [cases, learn]);
}
