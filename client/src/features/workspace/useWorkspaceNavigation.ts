import { useCallback, useEffect, useState } from 'react';
import type { AssessmentTemplate } from '../../../../shared/template/index.ts';
import { COMMENTS, DISPUTES, SESSIONS } from './GroupNav.tsx';

type FocusRequest = { section: string } | { dispute: string };

export interface WorkspaceNavigation {
  /** The view shown: a group's id, or the overview, disputes, comments or sessions. */
  view: string;
  /** The section worked in, or null. */
  currentSection: string | null;
  setCurrentSection: (sectionId: string | null) => void;
  /** Shows the section's group and moves focus to the section. */
  goToSection: (sectionId: string) => void;
  /** Shows the disputes and moves focus to the dispute. */
  showDispute: (disputeId: string) => void;
  /** A view chosen in the navigation. */
  selectView: (view: string) => void;
  showComments: () => void;
}

/** Which view of the workspace is shown, and the jumps to a section or a dispute that bring focus along. */
export function useWorkspaceNavigation(template: AssessmentTemplate): WorkspaceNavigation {
  // A link to a session (the calendar file, the upcoming sessions) opens the sessions view; a reload, where one was.
  const [start] = useState(() => startingPlace(template));
  const [view, setView] = useState<string>(start.view);
  const [currentSection, setCurrentSection] = useState<string | null>(start.section);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(start.section ? { section: start.section } : null);
  useRememberPlace(currentSection);

  const goToSection = useCallback(
    (sectionId: string) => {
      const group = template.groups.find((g) => g.sections.some((s) => s.id === sectionId));
      if (!group) return;
      setView(group.id);
      setCurrentSection(sectionId);
      setFocusRequest({ section: sectionId });
    },
    [template],
  );

  // A link to a section (`?sectie=d240`, from a notification) opens its group and focuses it, also
  // when it is followed while the case is already open (the page is not mounted again then).
  useEffect(() => {
    const jump = () => {
      const section = new URLSearchParams(window.location.search).get('sectie');
      if (section) goToSection(section);
    };
    jump();
    window.addEventListener('popstate', jump);
    return () => window.removeEventListener('popstate', jump);
  }, [goToSection]);

  const showDispute = useCallback((disputeId: string) => {
    setView(DISPUTES);
    setCurrentSection(null);
    setFocusRequest({ dispute: disputeId });
  }, []);

  // After a jump, bring the section's (or dispute's) heading into view and give it focus. The jump
  // renders its view in the same commit, so the heading exists; this runs once per jump, never again
  // when the physician later comes back to that view (which would pull focus out of the navigation).
  useEffect(() => {
    if (!focusRequest) return;
    const id = 'section' in focusRequest ? `section-${focusRequest.section}` : `dispute-${focusRequest.dispute}-heading`;
    const heading = document.getElementById(id);
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }, [focusRequest]);

  // Choosing a view in the navigation leaves the section worked in: presence shows no section,
  // and the section keys start from the group now shown.
  const selectView = useCallback((next: string) => {
    setView(next);
    setCurrentSection(null);
    // A new group starts at its top, not at the scroll position of the previous one.
    const body = document.querySelector('.workspace__body');
    if (body && body.getBoundingClientRect().top < 0) body.scrollIntoView({ block: 'start' });
  }, []);

  const showComments = useCallback(() => selectView(COMMENTS), [selectView]);

  return { view, currentSection, setCurrentSection, goToSection, showDispute, selectView, showComments };
}

interface Place {
  view: string;
  section: string | null;
}

/** The section worked in is kept in the address's fragment as `#section-<id>`, the id of its heading. */
const SECTION_HASH = 'section-';

/** Where the workspace opens: the section in the address (a reload), else a session link's view, else the first group. */
function startingPlace(template: AssessmentTemplate): Place {
  const hash = decodeURIComponent(window.location.hash.slice(1));
  if (hash.startsWith(SECTION_HASH)) {
    const section = hash.slice(SECTION_HASH.length);
    const group = template.groups.find((g) => g.sections.some((s) => s.id === section));
    if (group) return { view: group.id, section };
  }
  return { view: new URLSearchParams(window.location.search).has('sessie') ? SESSIONS : template.groups[0]!.id, section: null };
}

/**
 * Keeps the section worked in in the address, so that a reload returns to it;
 * out of a section (a view chosen in the navigation) the address has none and
 * a reload opens the first group, as it always did. Adds no history entry.
 */
function useRememberPlace(section: string | null): void {
  useEffect(() => {
    const hash = section ? `#${SECTION_HASH}${section}` : '';
    if (window.location.hash === hash || (!section && !window.location.hash.startsWith(`#${SECTION_HASH}`))) return;
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hash}`);
  }, [section]);
}
