import { Extension } from '@tiptap/core';
import { yCursorPlugin } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';
import { scopedAwareness } from '../collab/scopedAwareness.ts';

export interface SectionCaretsOptions {
  awareness: Awareness | null;
  /** The awareness field this editor's caret lives in, one per editor. */
  field: string;
}

/** Named, coloured carets and selections of the other physician, in this editor only. */
export const SectionCarets = Extension.create<SectionCaretsOptions>({
  name: 'sectionCarets',

  addOptions() {
    return { awareness: null, field: 'cursor' };
  },

  addProseMirrorPlugins() {
    const { awareness, field } = this.options;
    if (!awareness) return [];
    return [
      yCursorPlugin(scopedAwareness(awareness, field), {
        cursorBuilder: (user: { name?: string; color?: string }) => caret(user),
        selectionBuilder: (user: { color?: string }) => ({
          class: 'collab-selection',
          style: `background-color: ${safeColor(user.color)}33`,
        }),
      }),
    ];
  },
});

function safeColor(color: string | undefined): string {
  return color && /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#888888';
}

function caret(user: { name?: string; color?: string }): HTMLElement {
  const color = safeColor(user.color);
  const element = document.createElement('span');
  element.className = 'collab-caret';
  // Decoration, not text: a screen reader must not read the other physician's name into the position.
  element.setAttribute('aria-hidden', 'true');
  element.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collab-caret__label';
  label.style.backgroundColor = color;
  label.textContent = user.name ?? '';
  element.append(label);
  return element;
}
