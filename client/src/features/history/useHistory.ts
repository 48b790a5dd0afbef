import { useCallback, useEffect, useState } from 'react';
import type { VersionDetail, VersionSummary } from '../../../../shared/record/api.ts';
import { ApiError } from '../../api.ts';
import { historyApi, type LogEntry } from './historyApi.ts';

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; error: ApiError } | { state: 'ready'; value: T };

const asApiError = (caught: unknown) => (caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught)));

/**
 * Loads once per `caseId` and again whenever `refresh` changes (the workflow's
 * sequence number: a new event may bring a new version); a reload keeps the
 * shown value until the answer arrives.
 */
function useLoaded<T>(load: () => Promise<T>, refresh: unknown): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [again, setAgain] = useState(0);
  useEffect(() => {
    let active = true;
    load().then(
      (value) => active && setLoaded({ state: 'ready', value }),
      (caught: unknown) => active && setLoaded((current) => (current.state === 'ready' ? current : { state: 'failed', error: asApiError(caught) })),
    );
    return () => {
      active = false;
    };
  }, [load, refresh, again]);
  const reload = useCallback(() => setAgain((n) => n + 1), []);
  return [loaded, reload];
}

export function useVersions(caseId: string, refresh: unknown): [Loaded<VersionSummary[]>, () => void] {
  const load = useCallback(() => historyApi.versions(caseId), [caseId]);
  return useLoaded(load, refresh);
}

export function useCaseLog(caseId: string, refresh: unknown): Loaded<LogEntry[]> {
  const load = useCallback(() => historyApi.events(caseId), [caseId]);
  return useLoaded(load, refresh)[0];
}

/** Two versions' content, as the server holds them (the component is keyed by the pair, so a new pair starts loading). */
export function useVersionPair(caseId: string, older: string, newer: string): Loaded<[VersionDetail, VersionDetail]> {
  const load = useCallback(
    () => Promise.all([historyApi.version(caseId, older), historyApi.version(caseId, newer)]).then(([a, b]): [VersionDetail, VersionDetail] => [a, b]),
    [caseId, older, newer],
  );
  return useLoaded(load, null)[0];
}
