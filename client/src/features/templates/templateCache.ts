import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { AssessmentTemplate } from '../../../../shared/template/index.ts';
import { request } from '../../api.ts';

/**
 * The assessment template's versions as the server serves them
 * (GET /api/templates/:version). A version never changes once it exists, so
 * each is fetched once per page and kept in the browser: offline, the kept
 * copy opens the cases the physician opened before. It holds no case data.
 * A failed fetch without a kept copy is tried again on the next ask.
 */

const keptKey = (version: number) => `cw:template:${version}`;

function kept(version: number): AssessmentTemplate | null {
  try {
    const json = localStorage.getItem(keptKey(version));
    return json ? (JSON.parse(json) as AssessmentTemplate) : null;
  } catch {
    return null;
  }
}

function keep(template: AssessmentTemplate): void {
  try {
    localStorage.setItem(keptKey(template.version), JSON.stringify(template));
  } catch {
    // A full storage only costs the offline copy.
  }
}

type Entry = { state: 'loading' } | { state: 'loaded'; template: AssessmentTemplate } | { state: 'failed' };

const entries = new Map<number, Entry>();
const listeners = new Set<() => void>();
let generation = 0;

function changed(): void {
  generation += 1;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Starts fetching a version unless it is loaded or on its way. */
function want(version: number): void {
  const entry = entries.get(version);
  if (entry && entry.state !== 'failed') return;
  entries.set(version, { state: 'loading' });
  request<AssessmentTemplate>('GET', `/api/templates/${version}`).then(
    (template) => {
      keep(template);
      entries.set(version, { state: 'loaded', template });
      changed();
    },
    () => {
      const copy = kept(version);
      entries.set(version, copy ? { state: 'loaded', template: copy } : { state: 'failed' });
      changed();
    },
  );
}

/** A loaded version, or undefined while it is not (yet). */
export function loadedTemplate(version: number): AssessmentTemplate | undefined {
  const entry = entries.get(version);
  return entry?.state === 'loaded' ? entry.template : undefined;
}

/** One version for a component: the template, whether it is still loading, or that it could not be had. */
export function useTemplate(version: number): Entry {
  useSyncExternalStore(subscribe, () => generation);
  useEffect(() => want(version), [version]);
  return entries.get(version) ?? { state: 'loading' };
}

/** Looks versions up as they are needed (the notification list names sections of many cases); each is fetched once. */
export function useTemplateLookup(): (version: number) => AssessmentTemplate | undefined {
  const current = useSyncExternalStore(subscribe, () => generation);
  return useCallback(
    (version: number) => {
      const template = loadedTemplate(version);
      // Fetched after the render that asked, never during it.
      if (!template) queueMicrotask(() => want(version));
      return template;
    },
    // A new function once another version arrives, so memoised users render again.
    [current],
  );
}
