/**
 * Whether the case is ready for the re-integration report (RIV), as the
 * dossier and the FHIR bundle state it: ready, or not yet because the BA
 * doubts the actueel oordeel and no consultation with the VA was held since
 * (shared/workflow/riv.ts). Pure: it states what it is given.
 */

import { rivReadiness, type CaseWorkflow } from '../../shared/workflow/index.ts';
import type { ExportLanguage } from './exportInput.ts';
import { formatDateTime } from './exportLabels.ts';
import { field, heading, paragraph, type PdfDocument } from './pdfLayout.ts';

interface RivLabels {
  heading: string;
  ready: string;
  yes: string;
  no: string;
  noDoubt: string;
  doubt: (at: string, by: string) => string;
  required: string;
  held: (at: string) => string;
  reason: string;
}

const LABELS: Record<ExportLanguage, RivLabels> = {
  nl: {
    heading: 'Re-integratieverslag',
    ready: 'Gereed voor het re-integratieverslag',
    yes: 'ja',
    no: 'nee',
    noDoubt: 'Er is geen twijfel bij het actueel oordeel vastgelegd.',
    doubt: (at, by) => `${by} heeft op ${at} twijfel bij het actueel oordeel vastgelegd.`,
    required: 'Consultatie met de verzekeringsarts vereist vóór het re-integratieverslag: sindsdien is geen consultatie afgerond.',
    held: (at) => `Consultatie met de verzekeringsarts gehouden op ${at}.`,
    reason: 'Toelichting',
  },
  en: {
    heading: 'Reintegration report',
    ready: 'Ready for the reintegration report',
    yes: 'yes',
    no: 'no',
    noDoubt: 'No doubt about the current assessment has been recorded.',
    doubt: (at, by) => `${by} recorded doubt about the current assessment on ${at}.`,
    required: 'A consultation with the insurance physician is required before the reintegration report: none has been concluded since.',
    held: (at) => `Consultation with the insurance physician held on ${at}.`,
    reason: 'Reason',
  },
};

/** The statement in plain sentences: whether ready, and why (not). */
export function rivStatement(lang: ExportLanguage, workflow: Pick<CaseWorkflow, 'riv' | 'sessions'>): { ready: boolean; lines: string[] } {
  const labels = LABELS[lang];
  const readiness = rivReadiness(workflow);
  const { doubt, consultation } = readiness;
  const readyLine = `${labels.ready}: ${readiness.ready ? labels.yes : labels.no}.`;
  if (!doubt) return { ready: true, lines: [readyLine, labels.noDoubt] };
  const why = consultation ? labels.held(formatDateTime(lang, consultation.at)) : labels.required;
  return { ready: readiness.ready, lines: [readyLine, labels.doubt(formatDateTime(lang, doubt.at), doubt.by.name), why] };
}

export function writeRivReadiness(pdf: PdfDocument, lang: ExportLanguage, workflow: CaseWorkflow): void {
  const labels = LABELS[lang];
  heading(pdf, labels.heading);
  for (const line of rivStatement(lang, workflow).lines) paragraph(pdf, line);
  if (workflow.riv.doubt?.reason) field(pdf, labels.reason, workflow.riv.doubt.reason);
}
