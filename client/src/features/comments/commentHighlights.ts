import { Extension } from '@tiptap/core';
import type { Mapping } from '@tiptap/pm/transform';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { resolveRange, syncStateOf, type DecodedAnchor, type TextRange } from './anchors.ts';

/** A thread's anchor as one editor shows it. */
export interface HighlightAnchor {
  id: string;
  anchor: DecodedAnchor;
  /** Drawn in the text (open threads, the one being written); the active one always is. */
  shown: boolean;
  draft?: boolean;
}

interface HighlightState {
  anchors: HighlightAnchor[];
  active: string | null;
  /** Where each anchor's text is now; null: it no longer resolves to a non-empty range. */
  ranges: ReadonlyMap<string, TextRange | null>;
  decorations: DecorationSet;
  /** Positions were mapped through a local edit that the Yjs binding has not yet written. */
  stale: boolean;
}

interface HighlightMeta {
  anchors?: HighlightAnchor[];
  active?: string | null;
}

const highlightsKey = new PluginKey<HighlightState>('commentHighlights');

/**
 * Highlights the text that margin comments are anchored to. The anchors are
 * Yjs relative positions: they are resolved again on every transaction, so a
 * highlight follows the text while either physician edits around it. One
 * exception: a local edit reaches the Yjs document only after the editor has
 * applied it, so for that transaction the positions are mapped instead and
 * resolved once more right after.
 */
export const CommentHighlights = Extension.create({
  name: 'commentHighlights',

  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: highlightsKey,
        state: {
          init: (_, state) => compute(state, [], null),
          apply: (tr, previous, _old, state) => next(tr, previous, state),
        },
        props: {
          decorations: (state) => highlightsKey.getState(state)?.decorations,
        },
        view: () => {
          let timer: ReturnType<typeof setTimeout> | null = null;
          return {
            update: (view) => {
              if (timer !== null || !highlightsKey.getState(view.state)?.stale) return;
              timer = setTimeout(() => {
                timer = null;
                if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(highlightsKey, {}));
              }, 0);
            },
            destroy: () => {
              if (timer !== null) clearTimeout(timer);
            },
          };
        },
      }),
    ];
  },
});

/** Tells an editor which anchors to show, and which one is active. */
export function setHighlights(view: EditorView, meta: HighlightMeta): void {
  if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(highlightsKey, meta));
}

/** Where each anchor's text is in this editor now. */
export function highlightRanges(state: EditorState): ReadonlyMap<string, TextRange | null> {
  return highlightsKey.getState(state)?.ranges ?? new Map();
}

function next(tr: Transaction, previous: HighlightState, state: EditorState): HighlightState {
  const meta = tr.getMeta(highlightsKey) as HighlightMeta | undefined;
  const anchors = meta?.anchors ?? previous.anchors;
  const active = meta && 'active' in meta ? (meta.active ?? null) : previous.active;
  const remote = (ySyncPluginKey.getState(state) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
  if (tr.docChanged && !remote) {
    return {
      anchors,
      active,
      ranges: mapRanges(previous.ranges, tr.mapping),
      decorations: previous.decorations.map(tr.mapping, tr.doc),
      stale: true,
    };
  }
  return compute(state, anchors, active);
}

function compute(state: EditorState, anchors: HighlightAnchor[], active: string | null): HighlightState {
  const sync = syncStateOf(state);
  const ranges = new Map<string, TextRange | null>();
  const decorations: Decoration[] = [];
  if (sync) {
    for (const highlight of anchors) {
      const range = resolveRange(sync, highlight.anchor, state.doc.content.size);
      ranges.set(highlight.id, range);
      if (range && (highlight.shown || highlight.id === active)) decorations.push(decoration(highlight, range, highlight.id === active));
    }
  }
  return { anchors, active, ranges, decorations: DecorationSet.create(state.doc, decorations), stale: false };
}

function decoration(highlight: HighlightAnchor, range: TextRange, active: boolean): Decoration {
  const classes = ['comment-highlight', active && 'comment-highlight--active', highlight.draft && 'comment-highlight--draft'].filter(Boolean).join(' ');
  return Decoration.inline(range.from, range.to, { class: classes, 'data-thread-id': highlight.id }, { inclusiveStart: false, inclusiveEnd: false });
}

function mapRanges(ranges: ReadonlyMap<string, TextRange | null>, mapping: Mapping): Map<string, TextRange | null> {
  const mapped = new Map<string, TextRange | null>();
  for (const [id, range] of ranges) {
    const from = range && mapping.map(range.from, 1);
    const to = range && mapping.map(range.to, -1);
    mapped.set(id, from !== null && to !== null && from < to ? { from, to } : null);
  }
  return mapped;
}
