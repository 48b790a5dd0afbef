import type { Logger } from 'pino';
import * as Y from 'yjs';
import { formatDocName } from '../shared/docNames.ts';
import { Audit, type AuditActor } from '../server/audit/Audit.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { createCase } from '../server/commands/createCase.ts';
import { seedDemo } from '../server/seed.ts';
import type { Stores } from '../server/store/ports.ts';
import { BENCH_PASSWORD, tokenFor, type Physician } from './accounts.ts';

/**
 * The work-queue benchmark's data: one BA with `count` cases (each with a VA),
 * written straight into the store before the server starts, and then varied
 * through the server's own commands over HTTP, so that the list has proposals
 * waiting for the BA's signature, disagreements, disputes (some past their
 * target date) and sessions, as a real caseload has.
 */
const ACTOR: AuditActor = { userId: null, username: 'bench', role: 'admin', ip: 'bench', userAgent: 'bench' };
const EMPLOYERS = ['Logistiek Noord B.V.', 'Zorggroep West', 'Bouwbedrijf Oost', 'Gemeente Zuid', 'Transport & Co', 'Bakkerij De Korenschoof'];
const DAY_MS = 86_400_000;

export interface QueueAccounts {
  ba: Physician;
  va: Physician;
  caseIds: string[];
}

/** How many cases got each state (the figures name them). */
export interface QueueMix {
  proposals: number;
  disagreements: number;
  disputes: number;
  overdueDisputes: number;
  sessions: number;
}

export const queuePseudonym = (i: number) => `WN-B-${String(i).padStart(4, '0')}`;

/** Users and cases into the store; the joint drafts that will be proposed too (a proposal records the draft as stored). */
export async function provisionQueue(stores: Stores, log: Logger, count: number): Promise<QueueAccounts> {
  await seedDemo(stores);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const [ba, va] = await Promise.all(
    [
      ['bench.queue.ba', 'bedrijfsarts'],
      ['bench.queue.va', 'verzekeringsarts'],
    ].map(async ([username, role]) => {
      const user = await stores.records.createUser({
        id: crypto.randomUUID(),
        username: username!,
        name: username!,
        role: role as Physician['role'],
        passwordHash,
      });
      return { userId: user.id, username: user.username, role: user.role };
    }),
  );
  const audit = new Audit(stores.audit, log);
  const caseIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const caseId = `queue${i}`;
    // From a few days ahead (not yet sick) to two years back: every week of sickness, every milestone.
    const firstSickDay = new Date(Date.now() - ((i * 53) % 730) * DAY_MS + (i % 50 === 0 ? 3 * DAY_MS : 0)).toISOString().slice(0, 10);
    await createCase(
      { records: stores.records, audit, templates: stores.templates },
      ACTOR,
      {
        title: `Dossier ${i}`,
        employeePseudonym: queuePseudonym(i),
        employer: EMPLOYERS[i % EMPLOYERS.length]!,
        firstSickDay,
        ba: ba!.username,
        va: va!.username,
      },
      caseId,
    );
    if (isProposal(i)) await stores.docs.append(formatDocName({ caseId, part: 'joint' }), [jointDraft('Gezamenlijk: vier uur per dag belastbaar.')]);
    caseIds.push(caseId);
  }
  return { ba: ba!, va: va!, caseIds };
}

const isProposal = (i: number) => i % 9 === 4;
const isDisagreement = (i: number) => i % 5 === 1;
const isDispute = (i: number) => i % 25 === 3;
const isSession = (i: number) => i % 7 === 2;

/** One paragraph in section d240 of a joint document, as the editor writes it. */
function jointDraft(text: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const content = new Y.XmlText();
  content.insert(0, text);
  paragraph.insert(0, [content]);
  doc.getXmlFragment('d240').insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

/** The workflow states, through the running server's commands (a few at a time). */
export async function varyQueue(baseUrl: string, accounts: QueueAccounts): Promise<QueueMix> {
  const mix: QueueMix = { proposals: 0, disagreements: 0, disputes: 0, overdueDisputes: 0, sessions: 0 };
  const post = async (physician: Physician, caseId: string, path: string, body: unknown = {}) => {
    const response = await fetch(`${baseUrl}/api/cases/${caseId}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor(physician)}` },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} on ${caseId} answered ${response.status}: ${await response.text()}`);
  };
  const today = Date.now();
  const date = (days: number) => new Date(today + days * DAY_MS).toISOString().slice(0, 10);
  const vary = async (i: number, caseId: string) => {
    if (isProposal(i)) {
      await post(accounts.va, caseId, '/sections/d240/propose');
      mix.proposals++;
    }
    if (isDisagreement(i)) {
      await post(accounts.ba, caseId, '/sections/d430/flag', { rationale: 'Verschil in belastbaarheid', kind: 'capacity' });
      mix.disagreements++;
    }
    if (isDispute(i)) {
      const overdue = i % 2 === 1;
      await post(accounts.ba, caseId, '/sections/d450/flag', { rationale: 'Verschil in uren', kind: 'hours' });
      await post(accounts.ba, caseId, '/disputes', {
        sections: ['d450'],
        question: 'Hoeveel uur per dag?',
        reason: 'explicit',
        explanation: '',
        targets: { peerReview: date(overdue ? -10 : 20) },
      });
      mix.disputes++;
      if (overdue) mix.overdueDisputes++;
    }
    if (isSession(i)) {
      await post(accounts.ba, caseId, '/sessions', {
        scheduledAt: new Date(today + (1 + (i % 20)) * DAY_MS).toISOString(),
        durationMinutes: 30,
        mode: 'video',
      });
      mix.sessions++;
    }
  };
  const PARALLEL = 4;
  for (let start = 0; start < accounts.caseIds.length; start += PARALLEL)
    await Promise.all(accounts.caseIds.slice(start, start + PARALLEL).map((caseId, k) => vary(start + k, caseId)));
  return mix;
}
