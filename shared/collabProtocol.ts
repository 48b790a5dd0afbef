/**
 * Our one extension of the y-websocket protocol, shared by server and client.
 *
 * After the updates a client sent on a connection are durable (or, when they
 * were empty, processed), the server acknowledges them in order with
 * `[messageAuth = 2, WRITE_ACK = 1, count: varUint]`: "the next `count` update
 * messages you sent are safe". The stock WebsocketProvider ignores auth
 * messages whose sub-type is not "permission denied" (0), so stock clients are
 * unaffected; our client uses the acknowledgements to count changes that are
 * not yet safe on the server.
 */
export const MESSAGE_AUTH = 2;
export const WRITE_ACK = 1;

/**
 * `[messageAuth = 2, WRITE_REFUSED = 2, refusals: varString (JSON)]`: part of
 * an update this connection sent was not stored (a list of WriteRefusal:
 * which sections, and why); the rest of it was. Sent before that update's
 * acknowledgement. Stock clients ignore it like the acknowledgement.
 */
export const WRITE_REFUSED = 2;

/**
 * Why the relay did not store part of an update:
 * - `locked`: it changes a section whose agreed position is frozen (reopen it first);
 * - `invalid`: it is not what the section editor writes (shared/editorSchema.ts);
 * - `unresolved`: it refers to content the server does not hold, so where it would land cannot be checked.
 */
export const REFUSAL_REASONS = ['locked', 'invalid', 'unresolved'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface WriteRefusal {
  reason: RefusalReason;
  /** The sections concerned, where known. */
  sections: string[];
}
