import { useEffect } from 'react';

/**
 * Alt+ArrowDown and Alt+ArrowUp move to the next and previous section, across
 * groups, from anywhere in the workspace (also from inside an editor).
 * `from` is the section the physician is in or, when in none, the sections
 * shown: then Alt+ArrowDown goes to the first of them and Alt+ArrowUp to the
 * last (the first and last of all when none are shown, as in the overview).
 */
export function useSectionKeys(sectionIds: readonly string[], from: string | readonly string[], goTo: (sectionId: string) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
      event.preventDefault();
      const target = event.key === 'ArrowDown' ? next(sectionIds, from) : previous(sectionIds, from);
      if (target) goTo(target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sectionIds, from, goTo]);
}

function next(sectionIds: readonly string[], from: string | readonly string[]): string | undefined {
  if (typeof from !== 'string') return from[0] ?? sectionIds[0];
  const index = sectionIds.indexOf(from);
  return sectionIds[Math.min(index + 1, sectionIds.length - 1)];
}

function previous(sectionIds: readonly string[], from: string | readonly string[]): string | undefined {
  if (typeof from !== 'string') return from.at(-1) ?? sectionIds.at(-1);
  const index = sectionIds.indexOf(from);
  return sectionIds[Math.max(index - 1, 0)];
}
