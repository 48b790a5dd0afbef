/**
 * What can be wrong with a case's record against its log, each with a stable
 * id: the admin command line prints it, the server logs it. Details name
 * event numbers and ids only, never what an event says.
 */
export const INTEGRITY_PROBLEMS = [
  /** An event is missing from the middle of the log, or the events are out of order. */
  'event.missing',
  /** An event's previous-hash does not match the event before it. */
  'event.link',
  /** One event's content no longer matches its MAC (the events after it still verify). */
  'event.changed',
  /** From some event on, every hash was recomputed without the log key. */
  'chain.rewritten',
  /** The state row's head is past the last event: trailing events were deleted. */
  'log.truncated',
  /** The log holds events after the state row's head. */
  'head.behind',
  /** The state row's head has the seq of the last event but another hash. */
  'head.mismatch',
  /** The log holds events but there is no state row. */
  'state.missing',
  /** The stored state differs from a replay of the log. */
  'state.forged',
  /** Reviewer grants that the replayed state does not justify. */
  'reviewers.unjustified',
  /** Reviewer grants that the replayed state justifies are missing. */
  'reviewers.missing',
  /** The state row carries no seal. */
  'seal.missing',
  /** The state row's seal does not verify: the row or its grants were changed without the log key. */
  'seal.invalid',
] as const;

export type IntegrityProblem = (typeof INTEGRITY_PROBLEMS)[number];

export interface IntegrityFailure {
  problem: IntegrityProblem;
  /** The event the problem is at, where there is one. */
  seq?: number;
  /** One sentence for the operator. */
  detail: string;
}

export const failure = (problem: IntegrityProblem, detail: string, seq?: number): IntegrityFailure => ({
  problem,
  detail,
  ...(seq === undefined ? {} : { seq }),
});
