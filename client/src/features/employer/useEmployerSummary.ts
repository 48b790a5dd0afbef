import { useCallback, useEffect, useRef, useState } from 'react';
import type { EmployerSummaryRelease, SummaryWarning } from '../../../../shared/record/api.ts';
import { ApiError } from '../../api.ts';
import { employerApi, type EmployerSummaryState } from './employerApi.ts';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'failed';

/** How long typing may pause before the draft is saved. */
const SAVE_DELAY_MS = 1200;

/** The summary as the server holds it, loaded once; null while loading, an error when it could not be. */
export function useSummaryState(caseId: string): EmployerSummaryState | ApiError | null {
  const [state, setState] = useState<EmployerSummaryState | ApiError | null>(null);
  useEffect(() => {
    let active = true;
    employerApi.get(caseId).then(
      (loaded) => active && setState(loaded),
      (caught: unknown) => active && setState(caught instanceof ApiError ? caught : new ApiError(0, 'unknown', String(caught))),
    );
    return () => {
      active = false;
    };
  }, [caseId]);
  return state;
}

export interface SummaryDraft {
  sections: Record<string, string>;
  warnings: SummaryWarning[];
  status: SaveStatus;
  edit(sectionId: string, text: string): void;
  /** Saves what is typed now; true when the server holds it. */
  save(): Promise<boolean>;
}

/**
 * The BA's draft: every edit is saved after a pause in typing (or at once with
 * the Save button), one PUT at a time; the warnings are those of the last answer.
 */
export function useSummaryDraft(caseId: string, initial: EmployerSummaryState): SummaryDraft {
  const [sections, setSections] = useState(initial.sections);
  const [warnings, setWarnings] = useState(initial.warnings);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const latest = useRef({ sections: initial.sections, revision: 0, saved: 0 });
  const inFlight = useRef<Promise<void> | null>(null);

  const save = useCallback(async (): Promise<boolean> => {
    while (inFlight.current) await inFlight.current;
    const { sections: body, revision } = latest.current;
    if (latest.current.saved === revision) return true;
    setStatus('saving');
    inFlight.current = employerApi.save(caseId, body).then(
      (answer) => {
        latest.current.saved = revision;
        setWarnings(answer.warnings);
        setStatus(latest.current.revision === revision ? 'saved' : 'dirty');
      },
      () => setStatus('failed'),
    );
    await inFlight.current;
    inFlight.current = null;
    return latest.current.saved === latest.current.revision;
  }, [caseId]);

  const edit = useCallback((sectionId: string, text: string) => {
    const next = { ...latest.current.sections, [sectionId]: text };
    latest.current = { ...latest.current, sections: next, revision: latest.current.revision + 1 };
    setSections(next);
    setStatus('dirty');
  }, []);

  useEffect(() => {
    if (status !== 'dirty') return;
    const timer = setTimeout(() => void save(), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [status, sections, save]);

  return { sections, warnings, status, edit, save };
}

/** Releasing: the draft is saved first, so the release holds what the BA sees. */
export function useRelease(caseId: string, initial: EmployerSummaryRelease[], save: () => Promise<boolean>) {
  const [releases, setReleases] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const release = useCallback(async () => {
    setBusy(true);
    setFailed(false);
    try {
      if (!(await save())) throw new Error('not saved');
      const released = await employerApi.release(caseId);
      setReleases((current) => [...current, released]);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }, [caseId, save]);
  return { releases, busy, failed, release };
}
