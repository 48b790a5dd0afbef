import type { Awareness } from 'y-protocols/awareness';

/**
 * A view of an Awareness in which one field of every state appears as
 * `cursor`. The editor binding's cursor plugin only knows the `cursor` field;
 * giving each editor its own field (`cursor:<section>`) keeps a physician's
 * caret in the editor it belongs to instead of jumping between editors that
 * share one document.
 */
export function scopedAwareness(awareness: Awareness, field: string): Awareness {
  const toView = (state: Record<string, unknown> | null) => (state ? { ...state, cursor: state[field] ?? null } : state);
  const view = {
    get doc() {
      return awareness.doc;
    },
    get clientID() {
      return awareness.clientID;
    },
    getStates: () => new Map([...awareness.getStates()].map(([client, state]) => [client, toView(state)!])),
    getLocalState: () => toView(awareness.getLocalState()),
    setLocalStateField: (name: string, value: unknown) => awareness.setLocalStateField(name === 'cursor' ? field : name, value),
    on: (event: string, handler: (...args: unknown[]) => void) => awareness.on(event as 'change', handler),
    off: (event: string, handler: (...args: unknown[]) => void) => awareness.off(event as 'change', handler),
  };
  // The plugin uses only the members above.
  return view as unknown as Awareness;
}
