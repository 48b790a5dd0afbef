import { useEffect, useState } from 'react';

/**
 * The people a physician may invite into the case (a reviewer, an
 * arbeidsdeskundige), loaded once per case: null while loading, an empty
 * list when the server refused or could not be reached.
 */
export function useCandidates<T>(caseId: string, load: (caseId: string) => Promise<T[]>): T[] | null {
  const [candidates, setCandidates] = useState<T[] | null>(null);
  useEffect(() => {
    let active = true;
    load(caseId).then(
      (list) => active && setCandidates(list),
      () => active && setCandidates([]),
    );
    return () => {
      active = false;
    };
  }, [caseId, load]);
  return candidates;
}
