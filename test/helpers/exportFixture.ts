import type { DossierInput } from '../../server/export/exportInput.ts';
import { partContent, type CaseContent } from '../../shared/record/types.ts';
import { templateSections } from '../../shared/template/index.ts';
import { TEMPLATE_V1 } from '../../shared/template/shipped.ts';
import type { Actor, CaseWorkflow, Dispute, SectionState } from '../../shared/workflow/types.ts';

/**
 * One case as an export sees it, with distinctive texts so a test can find
 * each part: d160 agreed (with a qualifier on the agreement), d240 resolved
 * with a residual disagreement through a closed dispute (reviewer opinion,
 * formal route), e250 a facilitator against a barrier, `werktijden` uncoded,
 * and one concluded session.
 */

export const BA: Actor = { userId: 'u-ba', name: 'Anna Bakker', role: 'ba' };
export const VA: Actor = { userId: 'u-va', name: 'Victor Visser', role: 'va' };
export const AGREEMENT_HASH = '3f9a1c7be04d5e6f8a9b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f7';

const OPEN: SectionState = { status: 'open', flag: null, proposal: null, agreement: null, disputeId: null, outcome: null };

export function exportContent(): CaseContent {
  const template = TEMPLATE_V1;
  const content: CaseContent = {};
  for (const section of templateSections(template)) {
    content[section.id] = { occupational: partContent('', null), insurance: partContent('', null), joint: partContent('', null) };
  }
  content.d160 = {
    occupational: partContent('BA-d160: kan zich 20 minuten concentreren.', '2'),
    insurance: partContent('VA-d160: concentratie houdt een uur stand.', '1'),
    joint: partContent('JOINT-d160: concentratie 30 minuten per blok, met pauzes.', '2'),
  };
  content.d240 = {
    occupational: partContent('BA-d240: geen tijdsdruk of deadlines.', '3'),
    insurance: partContent('VA-d240: normale werkdruk is belastbaar.', '1'),
    joint: partContent('', null),
  };
  content.e250 = {
    occupational: partContent('BA-e250: stille werkplek helpt.', '+2'),
    insurance: partContent('VA-e250: kantoortuin is een barrière.', '3'),
    joint: partContent('', null),
  };
  content.werktijden = {
    occupational: partContent('BA-werktijden: 4 uur per dag, ochtenden.', null),
    insurance: partContent('VA-werktijden: 6 uur per dag.', null),
    joint: partContent('', null),
  };
  return content;
}

function closedDispute(): Dispute {
  return {
    id: 'dsp-1',
    sections: ['d240'],
    question: 'Is werken onder tijdsdruk mogelijk?',
    reason: 'explicit',
    explanation: 'Wij verschillen over de belastbaarheid.',
    targets: { peerReview: '2026-05-15', formalRoute: null, closed: null },
    positions: { d240: { ba: 'BA-d240 bij opening', va: 'VA-d240 bij opening' } },
    stage: 'closed',
    timeline: [
      { stage: 'opened', at: '2026-05-01T08:00:00Z', by: BA },
      { stage: 'peer_review', at: '2026-05-04T09:30:00Z', by: VA },
      { stage: 'formal_route', at: '2026-05-20T12:00:00Z', by: BA },
      { stage: 'closed', at: '2026-06-10T14:00:00Z', by: VA },
    ],
    reviewer: {
      userId: 'u-rev',
      name: 'Rita Reviewer',
      invitedBy: VA,
      invitedAt: '2026-05-04T09:30:00Z',
      opinion: { text: 'OPINION: beperkte tijdsdruk is verantwoord.', at: '2026-05-12T10:00:00Z' },
    },
    formalRoute: {
      kind: 'deskundigenoordeel',
      requestedBy: 'employer',
      requestedOn: '2026-05-20',
      question: 'FORMAL-Q: is het aangeboden werk passend?',
      recordedBy: BA,
      recordedAt: '2026-05-20T12:00:00Z',
      outcome: { text: 'FORMAL-OUTCOME: het werk is passend.', decidedOn: '2026-06-08', recordedBy: VA, recordedAt: '2026-06-09T08:00:00Z' },
    },
    closing: {
      outcomes: { d240: 'residual' },
      positions: { d240: { ba: 'FROZEN-BA-d240: geen deadlines.', va: 'FROZEN-VA-d240: werkdruk belastbaar.' } },
    },
  };
}

export function exportWorkflow(): CaseWorkflow {
  const template = TEMPLATE_V1;
  const sections: Record<string, SectionState> = Object.fromEntries(templateSections(template).map((s) => [s.id, OPEN]));
  sections.d160 = {
    ...OPEN,
    status: 'agreed',
    agreement: {
      text: 'JOINT-d160: concentratie 30 minuten per blok, met pauzes.',
      hash: AGREEMENT_HASH,
      proposedBy: BA,
      proposedAt: '2026-06-01T09:15:00Z',
      signedBy: VA,
      signedAt: '2026-06-02T13:45:00Z',
      qualifier: '2',
    } as SectionState['agreement'],
  };
  sections.d240 = { ...OPEN, status: 'resolved', disputeId: 'dsp-1', outcome: 'residual' };
  return {
    seq: 12,
    riv: { doubt: null },
    labourExpert: null,
    closed: null,
    sections,
    disputes: [closedDispute()],
    sessions: [
      {
        id: 'ses-1',
        scheduledAt: '2026-05-28T08:00:00Z',
        durationMinutes: 45,
        mode: 'video',
        agenda: [
          { section: 'd160', outcome: 'agreed', notes: 'SESSION-NOTE: 30 minuten per blok.', recordedBy: BA, recordedAt: '2026-05-28T08:20:00Z' },
          { section: 'd240', outcome: 'escalated', notes: '', recordedBy: VA, recordedAt: '2026-05-28T08:40:00Z' },
        ],
        status: 'concluded',
        scheduledBy: BA,
        revision: 0,
        started: { by: BA, at: '2026-05-28T08:01:00Z' },
        currentItem: null,
        concluded: { by: VA, at: '2026-05-28T08:44:00Z' },
        cancelled: null,
      },
    ],
  };
}

export function exportInput(overrides: Partial<DossierInput> = {}): DossierInput {
  return {
    lang: 'nl',
    case: {
      id: 'case-1',
      title: 'Re-integratie WN-2026-0147',
      employeePseudonym: 'WN-2026-0147',
      employer: 'Bouwbedrijf Şişli & Łódź',
      firstSickDay: '2026-03-02',
      templateVersion: 1,
    },
    members: [
      { userId: BA.userId, name: BA.name, caseRole: 'ba' },
      { userId: VA.userId, name: VA.name, caseRole: 'va' },
    ],
    template: TEMPLATE_V1,
    content: exportContent(),
    workflow: exportWorkflow(),
    exportedAt: '2026-06-15T10:00:00Z',
    exportedBy: { name: 'Victor Visser', role: 'va' },
    ...overrides,
  };
}
