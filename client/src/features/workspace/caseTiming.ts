import { useEffect } from 'react';
import { docAccess } from '../../../../shared/permissions.ts';
import type { AccessRole } from '../../../../shared/roles.ts';
import { isLocked } from '../../../../shared/workflow/locks.ts';
import type { CaseWorkflow } from '../../../../shared/workflow/types.ts';

/**
 * Performance marks of the case page, read by the benchmark (bench/openCase.ts)
 * through the page's Performance API:
 * - CASE_INTERACTIVE_MARK, once per page load (its time counts from the
 *   navigation's start: the benchmark loads the case page itself): the first
 *   frame in which the open group's editors are all mounted on their synced
 *   documents and the physician's own ones (their column, the joint draft
 *   where it is open) accept input;
 * - CASE_KEY_MEASURE, per character typed in an editor: from the key event
 *   (its timeStamp, when the browser received it) to the end of the frame
 *   that shows the editor changed.
 */
export const CASE_INTERACTIVE_MARK = 'case:interactive';
export const CASE_KEY_MEASURE = 'case:keystroke';
/** The editors of one section: the BA's and the VA's positions, the joint draft. */
const EDITORS_PER_SECTION = 3;
/** Measures kept in the page's buffer; older ones are dropped (a long session types many keys). */
const MAX_KEY_MEASURES = 1_000;
/** A key that changed nothing (at the size limit, say) is not waited for longer than this. */
const MAX_KEY_FRAMES = 60;
/** A page that does not become interactive within this (an unreadable section, say) is not marked. */
const MAX_INTERACTIVE_FRAMES = 600;
const EDITOR_SELECTOR = '.workspace__main .ProseMirror[data-testid^="editor-"]';

/**
 * Marks the case page interactive and measures keystrokes in its editors.
 * `ready`: every document synced and the workflow known (which the joint
 * drafts' editability follows).
 */
export function useCaseTiming(ready: boolean, myRole: AccessRole, workflow: Pick<CaseWorkflow, 'sections'> | null, shownSections: string[]): void {
  const writable = writableEditors(myRole, workflow, shownSections);
  const expected = shownSections.length * EDITORS_PER_SECTION;
  useEffect(() => {
    if (!ready || expected === 0 || performance.getEntriesByName(CASE_INTERACTIVE_MARK, 'mark').length > 0) return;
    let frames = 0;
    let frame = requestAnimationFrame(function check() {
      const editors = [...document.querySelectorAll(EDITOR_SELECTOR)];
      const open = editors.filter((editor) => editor.getAttribute('aria-readonly') === 'false').length;
      if (editors.length === expected && open === writable) performance.mark(CASE_INTERACTIVE_MARK);
      else if (++frames < MAX_INTERACTIVE_FRAMES) frame = requestAnimationFrame(check);
    });
    return () => cancelAnimationFrame(frame);
  }, [ready, expected, writable]);
  useEffect(() => {
    document.addEventListener('keydown', measureKeystroke, true);
    return () => document.removeEventListener('keydown', measureKeystroke, true);
  }, []);
}

/** As SectionCard decides: the physician's own column, and the joint draft while its section is not locked. */
function writableEditors(myRole: AccessRole, workflow: Pick<CaseWorkflow, 'sections'> | null, sections: string[]): number {
  const own = (['occupational', 'insurance'] as const).filter((part) => docAccess(myRole, part) === 'rw').length;
  const joint = docAccess(myRole, 'joint') === 'rw' ? sections.filter((id) => workflow?.sections[id] && !isLocked(workflow.sections[id])).length : 0;
  return own * sections.length + joint;
}

/** A character typed into an editor: the measure ends after the frame in which the editor shows it. */
function measureKeystroke(event: KeyboardEvent): void {
  const editor = event.target instanceof Element ? event.target.closest(EDITOR_SELECTOR) : null;
  if (!editor || editor.getAttribute('aria-readonly') !== 'false' || event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
  const started = event.timeStamp;
  const before = editor.textContent;
  let frames = 0;
  const afterFrame = () => {
    if (editor.textContent === before) {
      if (++frames < MAX_KEY_FRAMES) requestAnimationFrame(afterFrame);
      return;
    }
    // The frame's style, layout and paint run after its animation callbacks: end in the task after them.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      if (performance.getEntriesByName(CASE_KEY_MEASURE, 'measure').length >= MAX_KEY_MEASURES) performance.clearMeasures(CASE_KEY_MEASURE);
      performance.measure(CASE_KEY_MEASURE, { start: started, end: performance.now() });
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  };
  requestAnimationFrame(afterFrame);
}
