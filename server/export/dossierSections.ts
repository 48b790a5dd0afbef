/**
 * The assessment part of the dossier: per template group and section both
 * physicians' positions with their ICF qualifiers, the signed joint position
 * with who proposed and signed it when, and for a residual disagreement the
 * positions frozen when the dispute closed.
 */

import { qualifierOption } from '../../shared/qualifiers.ts';
import type { PartContent } from '../../shared/record/types.ts';
import type { CaseRole } from '../../shared/roles.ts';
import { gradedScaleOf, type TemplateSection } from '../../shared/template/index.ts';
import type { Agreement, PositionSnapshot, SectionState } from '../../shared/workflow/types.ts';
import { agreedQualifier, type DossierInput, type ExportLanguage } from './exportInput.ts';
import { formatDateTime, type ExportLabels } from './exportLabels.ts';
import { field, heading, keepSpace, muted, paragraph, smallPrint, subheading, type PdfDocument } from './pdfLayout.ts';

const INDENT = 12;
/** Enough of the hash to compare by eye; the full hash follows in small print. */
export const HASH_PREFIX_LENGTH = 12;

const EMPTY_STATE: SectionState = { status: 'open', flag: null, proposal: null, agreement: null, disputeId: null, outcome: null };

/** What every part of a report needs: the reader's language and its words. */
export interface ExportContext {
  lang: ExportLanguage;
  labels: ExportLabels;
}

export interface DossierContext extends ExportContext {
  input: DossierInput;
  /** The physician's name per case role, or a dash when the role is vacant. */
  physician: (role: CaseRole) => string;
}

export function sectionTitle(section: TemplateSection, lang: ExportLanguage): string {
  return section.icf ? `${section.icf} ${section.label[lang]}` : section.label[lang];
}

/** A qualifier code with its label on the section's scale ("2 matig probleem (25–49%)"); the bare code when the scale does not know it. */
export function qualifierText(section: TemplateSection, code: string | null, context: ExportContext): string {
  if (code === null) return context.labels.noQualifier;
  const scale = gradedScaleOf(section);
  const option = scale ? qualifierOption(scale, code) : undefined;
  return option ? option.label[context.lang] : code;
}

export function writeAssessment(pdf: PdfDocument, context: DossierContext): void {
  const { input, labels } = context;
  heading(pdf, labels.assessment);
  for (const group of input.template.groups) {
    keepSpace(pdf, 120);
    pdf.moveDown(0.6);
    muted(pdf, group.label[input.lang].toUpperCase());
    for (const section of group.sections) writeSection(pdf, section, context);
  }
}

function writeSection(pdf: PdfDocument, section: TemplateSection, context: DossierContext): void {
  const { input, labels } = context;
  const state = input.workflow.sections[section.id] ?? EMPTY_STATE;
  const content = input.content[section.id];
  subheading(pdf, sectionTitle(section, input.lang));
  muted(pdf, labels.status[state.status]);
  // A section nobody has written on yet is one line, so the written ones stand out.
  if (state.status === 'open' && isEmpty(content?.occupational) && isEmpty(content?.insurance)) {
    paragraph(pdf, labels.noPositions, INDENT);
    return;
  }
  writePosition(pdf, section, 'ba', content?.occupational, context);
  writePosition(pdf, section, 'va', content?.insurance, context);
  if (state.agreement) writeAgreement(pdf, section, state.agreement, context);
  if (state.status === 'resolved' && state.outcome === 'residual') writeResidual(pdf, section, state, context);
}

/** Nothing written, nothing chosen, and not marked "niet beoordeeld" (which is a statement of its own). */
function isEmpty(part: PartContent | undefined): boolean {
  return !part || (part.text.trim() === '' && part.qualifierCode === null && part.notAssessed === null);
}

function writePosition(pdf: PdfDocument, section: TemplateSection, role: CaseRole, part: PartContent | undefined, context: DossierContext): void {
  const { labels } = context;
  keepSpace(pdf, 50);
  pdf.moveDown(0.3);
  field(pdf, labels.position(labels.role[role]), context.physician(role));
  if (part?.notAssessed) {
    // Not assessed stands in place of an empty text; text written before the mark is kept and shown under it.
    paragraph(pdf, labels.notAssessed(part.notAssessed.reason), INDENT);
    if (part.text.trim()) paragraph(pdf, part.text, INDENT);
    if (gradedScaleOf(section) && part.qualifierCode !== null)
      paragraph(pdf, `${labels.qualifier}: ${qualifierText(section, part.qualifierCode, context)}`, INDENT);
    return;
  }
  paragraph(pdf, part?.text.trim() ? part.text : labels.noPosition, INDENT);
  if (gradedScaleOf(section)) paragraph(pdf, `${labels.qualifier}: ${qualifierText(section, part?.qualifierCode ?? null, context)}`, INDENT);
}

/** The signed joint position; the minutes print it under an agreed agenda item too. */
export function writeAgreement(pdf: PdfDocument, section: TemplateSection, agreement: Agreement, context: ExportContext): void {
  const { lang, labels } = context;
  keepSpace(pdf, 90);
  pdf.moveDown(0.3);
  field(pdf, labels.agreedPosition, `${labels.hash} ${agreement.hash.slice(0, HASH_PREFIX_LENGTH)}`);
  paragraph(pdf, agreement.text.trim() ? agreement.text : labels.noPosition, INDENT);
  const qualifier = agreedQualifier(agreement);
  if (gradedScaleOf(section) && qualifier !== null) paragraph(pdf, `${labels.qualifier}: ${qualifierText(section, qualifier, context)}`, INDENT);
  muted(pdf, labels.proposed(agreement.proposedBy.name, formatDateTime(lang, agreement.proposedAt)), INDENT);
  muted(pdf, labels.signed(agreement.signedBy.name, formatDateTime(lang, agreement.signedAt)), INDENT);
  smallPrint(pdf, `${labels.hash}: ${agreement.hash}`, INDENT);
}

function writeResidual(pdf: PdfDocument, section: TemplateSection, state: SectionState, context: DossierContext): void {
  const { input, labels } = context;
  const dispute = input.workflow.disputes.find((d) => d.id === state.disputeId);
  const frozen: PositionSnapshot | undefined = dispute?.closing?.positions[section.id];
  keepSpace(pdf, 70);
  pdf.moveDown(0.3);
  field(pdf, labels.residual, dispute?.closing ? labels.residualNote : '—');
  if (!frozen) return;
  for (const [role, text] of [
    ['ba', frozen.ba],
    ['va', frozen.va],
  ] as const) {
    paragraph(pdf, `${labels.role[role]} (${context.physician(role)}):`, INDENT);
    paragraph(pdf, text.trim() ? text : labels.noPosition, 2 * INDENT);
  }
}
