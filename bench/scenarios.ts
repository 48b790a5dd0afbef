import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Consultation, Physician } from './accounts.ts';
import { BENCH_JWT_SECRET, tokenFor } from './accounts.ts';
import { runLoadgen, TargetProcess, type MemorySample, type TargetKind } from './processes.ts';
import type { ConnectionSpec, LoadResult, LoadScenario, StepSpec, WriterSpec } from './protocol.ts';
import { round } from './stats.ts';
import type { Dialect } from './wire.ts';

/** Everything the scenarios share: the provisioned SQLite template and a scratch directory. */
export interface BenchContext {
  templateDir: string;
  consultations: Consultation[];
  scratch: string;
}

export const P99_LIMIT_MS = 100;
const SECTION_BA = 'd240';
const SECTION_VA = 'd175';

export function dialectOf(kind: TargetKind): Dialect {
  return kind === 'hocuspocus' ? 'hocuspocus' : 'y-websocket';
}

export function urlFor(kind: TargetKind, port: number, docName: string, physician: Physician): string {
  switch (kind) {
    case 'ours':
      return `ws://127.0.0.1:${port}/collab/${docName}?token=${tokenFor(physician)}`;
    case 'reference':
      return `ws://127.0.0.1:${port}/${docName}`;
    case 'hocuspocus':
      return `ws://127.0.0.1:${port}/`;
  }
}

export function ourEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    STORE: 'sqlite',
    DATA_DIR: dataDir,
    DEMO_SEED: 'true',
    LOG_LEVEL: 'warn',
    JWT_SECRET: BENCH_JWT_SECRET,
    MAX_CONNECTIONS_PER_USER: '1000',
    ...diagnosticEnv(),
    ...extra,
  };
}

/**
 * BENCH_OURS_ENV="KEY=value,KEY=value" adds settings to our server for a
 * diagnostic run (e.g. SQLITE_SYNCHRONOUS=normal, NODE_OPTIONS=--cpu-prof);
 * the report names them.
 */
export function diagnosticEnv(): Record<string, string> {
  const pairs = (process.env.BENCH_OURS_ENV ?? '').split(',').filter(Boolean);
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

/** A fresh data directory: ours gets a copy of the provisioned SQLite store, the others an empty one. */
export function dataDirFor(context: BenchContext, kind: TargetKind): string {
  const dir = mkdtempSync(join(context.scratch, `${kind}-`));
  if (kind === 'ours') cpSync(context.templateDir, dir, { recursive: true });
  return dir;
}

export async function startTarget(context: BenchContext, kind: TargetKind): Promise<{ target: TargetProcess; dataDir: string }> {
  const dataDir = dataDirFor(context, kind);
  const env = kind === 'ours' ? ourEnv(dataDir) : { DATA_DIR: dataDir };
  return { target: await TargetProcess.start(kind, env), dataDir };
}

/**
 * N consultations: per case, BA and VA each connected to the three documents
 * (six sockets). Phase 0 opens one socket per document (loading it), phase 1
 * the second, so memory per document and per connection can be told apart.
 * Each physician types into their own document or the joint one, per burst.
 */
export function consultationLoad(
  label: string,
  dialect: Dialect,
  consultations: Consultation[],
  urlOf: (docName: string, physician: Physician, side: 'ba' | 'va') => string,
  steps: StepSpec[],
  seed: number,
): LoadScenario {
  const connections: ConnectionSpec[] = [];
  const writers: WriterSpec[] = [];
  const phases: number[][] = [[], []];
  const add = (docName: string, physician: Physician, side: 'ba' | 'va', phase: number) => {
    connections.push({ url: urlOf(docName, physician, side), docName });
    phases[phase]!.push(connections.length - 1);
    return connections.length - 1;
  };
  for (const { caseId, ba, va } of consultations) {
    const doc = (part: string) => `cases/${caseId}/${part}`;
    const baOwn = add(doc('occupational'), ba, 'ba', 0);
    const vaOwn = add(doc('insurance'), va, 'va', 0);
    const baJoint = add(doc('joint'), ba, 'ba', 0);
    add(doc('occupational'), va, 'va', 1);
    add(doc('insurance'), ba, 'ba', 1);
    const vaJoint = add(doc('joint'), va, 'va', 1);
    writers.push({
      name: ba.username,
      targets: [
        { conn: baOwn, section: SECTION_BA },
        { conn: baJoint, section: SECTION_BA },
      ],
    });
    writers.push({
      name: va.username,
      targets: [
        { conn: vaOwn, section: SECTION_VA },
        { conn: vaJoint, section: SECTION_VA },
      ],
    });
  }
  return { mode: 'load', label, dialect, connections, writers, connectPhases: phases, steps, p99LimitMs: P99_LIMIT_MS, graceMs: 1500, seed };
}

export interface StepMeasure {
  cpuSeconds: number;
  cpuMsPer1000Updates: number;
}

export interface ConsultationRun {
  load: LoadResult;
  steps: StepMeasure[];
  memory: {
    baseline: MemorySample;
    afterPhase: MemorySample[];
    idleAfterRun: MemorySample;
    /** Heap bytes per loaded (empty) document, per connection, per document after the run (with its typed content). */
    perDocBytes: number;
    perConnectionBytes: number;
    perDocAfterRunBytes: number;
    rssPerDocAndConnectionsBytes: number;
  };
  sustainedUpdatesPerSecond: number | null;
}

/** Runs a consultation load against a started target, sampling its CPU per step and its memory per phase. */
export async function measureConsultations(target: TargetProcess, scenario: LoadScenario, timeoutMs: number): Promise<ConsultationRun> {
  const baseline = await target.memory();
  const afterPhase: MemorySample[] = [];
  let idleAfterRun: MemorySample | null = null;
  const cpuAt = new Map<string, number>();
  const load = await runLoadgen<LoadResult>(
    scenario,
    async (name) => {
      if (name.startsWith('connected:')) afterPhase.push(await target.memory());
      else if (name === 'idle') idleAfterRun = await target.memory();
      else cpuAt.set(name, target.cpuSeconds());
      return null;
    },
    timeoutMs,
  );
  const steps = load.steps.map((step, s) => {
    const cpuSeconds = (cpuAt.get(`step-end:${s}`) ?? NaN) - (cpuAt.get(`step-start:${s}`) ?? NaN);
    return { cpuSeconds: round(cpuSeconds), cpuMsPer1000Updates: round((cpuSeconds * 1000) / (step.keystrokes / 1000), 1) };
  });
  const docs = new Set(scenario.connections.map((c) => c.docName)).size;
  const [phaseA, phaseB] = afterPhase;
  const perConnection =
    phaseA && phaseB ? (phaseB.heapUsed + phaseB.arrayBuffers - phaseA.heapUsed - phaseA.arrayBuffers) / (scenario.connections.length - docs) : NaN;
  const heap = (m: MemorySample) => m.heapUsed + m.arrayBuffers;
  const perDoc = phaseA ? (heap(phaseA) - heap(baseline)) / docs - perConnection : NaN;
  const idle = idleAfterRun as MemorySample | null;
  const perDocAfterRun = idle ? (heap(idle) - heap(baseline) - perConnection * scenario.connections.length) / docs : NaN;
  const passing = load.steps.filter((step) => step.passed);
  return {
    load,
    steps,
    memory: {
      baseline,
      afterPhase,
      idleAfterRun: idle ?? baseline,
      perDocBytes: Math.round(perDoc),
      perConnectionBytes: Math.round(perConnection),
      perDocAfterRunBytes: Math.round(perDocAfterRun),
      rssPerDocAndConnectionsBytes: phaseB ? Math.round((phaseB.rss - baseline.rss) / docs) : NaN,
    },
    sustainedUpdatesPerSecond: passing.length ? Math.max(...passing.map((step) => step.deliveredUpdatesPerSecond)) : null,
  };
}

/** Fan-out: 50 writers on one joint document (BA and VA tokens in turn for ours), each also a receiver. */
export function fanOutLoad(
  label: string,
  dialect: Dialect,
  consultation: Consultation,
  urlOf: (docName: string, physician: Physician) => string,
  writers: number,
  step: StepSpec,
): LoadScenario {
  const docName = `cases/${consultation.caseId}/joint`;
  const connections: ConnectionSpec[] = [];
  const writerSpecs: WriterSpec[] = [];
  for (let i = 0; i < writers; i++) {
    const physician = i % 2 === 0 ? consultation.ba : consultation.va;
    connections.push({ url: urlOf(docName, physician), docName });
    writerSpecs.push({ name: `writer${i}`, targets: [{ conn: i, section: i % 2 === 0 ? SECTION_BA : SECTION_VA }] });
  }
  return {
    mode: 'load',
    label,
    dialect,
    connections,
    writers: writerSpecs,
    connectPhases: [connections.map((_, i) => i)],
    steps: [step],
    p99LimitMs: P99_LIMIT_MS,
    graceMs: 1500,
    seed: 7,
  };
}

/** Rows left in our store for one document: the uncompacted update log and the snapshot's size. */
export function storedShape(dataDir: string, docName: string): { updateRows: number; snapshotBytes: number } {
  const db = new Database(join(dataDir, 'workspace.sqlite'), { readonly: true });
  try {
    const rows = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?').get(docName)?.n ?? 0;
    const snapshot = db.prepare<[string], { size: number }>('SELECT length(data) AS size FROM doc_snapshots WHERE doc = ?').get(docName)?.size ?? 0;
    return { updateRows: rows, snapshotBytes: snapshot };
  } finally {
    db.close();
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function makeScratch(): string {
  return mkdtempSync(join(tmpdir(), 'cw-bench-'));
}
