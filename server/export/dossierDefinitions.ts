import { QUALIFIER_OPTIONS } from '../../shared/qualifiers.ts';
import { templateSections, type GradedScale } from '../../shared/template/index.ts';
import { sectionTitle, type DossierContext } from './dossierSections.ts';
import type { ExportLanguage } from './exportInput.ts';
import { heading, muted, paragraph, smallPrint, subheading, type PdfDocument } from './pdfLayout.ts';

/** The appendix's own words, in the reader's language. */
const LABELS: Record<
  ExportLanguage,
  { title: (version: number, name: string) => string; intro: string; fml: string; noFml: string; scales: string; scale: Record<GradedScale, string> }
> = {
  nl: {
    title: (version, name) => `Bijlage: definities (sjabloonversie ${version}, ${name})`,
    intro: 'Wat elk onderdeel omvat, zoals beide artsen het in de werkplek lazen.',
    fml: 'FML-items',
    noFml: 'geen',
    scales: 'Kwalificatieschalen: wat elk niveau betekent voor werk',
    scale: { 'icf-d': 'Activiteiten en participatie (d-codes)', 'icf-e': 'Externe factoren (e-codes)' },
  },
  en: {
    title: (version, name) => `Appendix: definitions (template version ${version}, ${name})`,
    intro: 'What each item covers, as both physicians read it in the workspace.',
    fml: 'FML items',
    noFml: 'none',
    scales: 'Qualifier scales: what each level means for work',
    scale: { 'icf-d': 'Activities and participation (d codes)', 'icf-e': 'Environmental factors (e codes)' },
  },
};

/** The appendix of the dossier export: every section's definition and FML items, then the scales with what each level means for work. */
export function writeDefinitions(pdf: PdfDocument, { input, lang }: DossierContext): void {
  const labels = LABELS[lang];
  const sections = templateSections(input.template);
  pdf.addPage();
  heading(pdf, labels.title(input.template.version, input.template.name));
  muted(pdf, labels.intro);
  for (const section of sections) {
    subheading(pdf, sectionTitle(section, lang));
    paragraph(pdf, section.definition[lang]);
    smallPrint(pdf, `${labels.fml}: ${section.fml.length > 0 ? section.fml.join(', ') : labels.noFml}`);
  }
  const used = new Set(sections.map((section) => section.qualifierScale));
  heading(pdf, labels.scales);
  for (const scale of ['icf-d', 'icf-e'] as const) {
    if (!used.has(scale)) continue;
    subheading(pdf, labels.scale[scale]);
    for (const option of QUALIFIER_OPTIONS[scale]) paragraph(pdf, `${option.label[lang]}: ${option.work[lang]}`);
  }
}
