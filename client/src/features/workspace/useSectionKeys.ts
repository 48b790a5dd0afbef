import { useEffect } from 'react';

/**
 * Alt+ArrowDown and Alt+ArrowUp move to the next and previous section, across
 * groups, from anywhere in the workspace (also from inside an editor).
 */
export function useSectionKeys(sectionIds: readonly string[], current: string | null, goTo: (sectionId: string) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
      event.preventDefault();
      const index = current ? sectionIds.indexOf(current) : -1;
      const next = event.key === 'ArrowDown' ? Math.min(index + 1, sectionIds.length - 1) : Math.max(index - 1, 0);
      goTo(sectionIds[next]!);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sectionIds, current, goTo]);
}
