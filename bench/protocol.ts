import type { Dialect } from './wire.ts';
import type { Summary } from './stats.ts';

/**
 * Messages between the orchestrator and its children (over the fork IPC
 * channel). The load generator asks and waits for the answer, so that the
 * orchestrator can sample the server at exactly the phase boundaries.
 */

export interface ConnectionSpec {
  url: string;
  docName: string;
}

export interface WriterSpec {
  name: string;
  /** The connections this physician types into (one per burst, in turn at random), with the section typed into. */
  targets: { conn: number; section: string }[];
}

export interface StepSpec {
  multiplier: number;
  durationMs: number;
}

export interface LoadScenario {
  mode: 'load';
  label: string;
  dialect: Dialect;
  connections: ConnectionSpec[];
  writers: WriterSpec[];
  /** Connection indices opened in turn; the orchestrator is told after each phase. */
  connectPhases: number[][];
  steps: StepSpec[];
  /** A step fails when its p99 exceeds this, or updates were lost, or a connection closed; the ramp stops then. */
  p99LimitMs: number;
  graceMs: number;
  seed: number;
}

export interface HistoryScenario {
  mode: 'history';
  label: string;
  dialect: Dialect;
  writer: ConnectionSpec;
  observer: ConnectionSpec;
  updates: number;
}

export interface ColdSyncScenario {
  mode: 'coldSync';
  label: string;
  dialect: Dialect;
  connection: ConnectionSpec;
  expectedLength: number;
  section: string;
}

export type Scenario = LoadScenario | HistoryScenario | ColdSyncScenario;

/** Load generator -> orchestrator. */
export type LoadgenMessage = { id: number; type: 'mark'; name: string } | { id: number; type: 'result'; result: unknown };

export interface StepResult {
  multiplier: number;
  durationMs: number;
  keystrokes: number;
  expectedReceipts: number;
  received: number;
  lost: number;
  closed: number;
  offeredUpdatesPerSecond: number;
  deliveredUpdatesPerSecond: number;
  latency: Summary;
  /** How late the load generator sent, against the schedule: large values mean the generator, not the server, was the limit. */
  sendLag: Summary;
  /** Our server only: time from the scheduled send until the write acknowledgement (durable). */
  ackLatency: Summary | null;
  awarenessReceived: number;
  passed: boolean;
}

export interface LoadResult {
  connections: number;
  firstSync: Summary;
  connectErrors: number;
  steps: StepResult[];
}
