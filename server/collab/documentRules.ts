import { parseDocName } from '../../shared/docNames.ts';
import { holdsNotAssessed } from '../../shared/notAssessed.ts';
import { templateSections } from '../../shared/template/index.ts';
import { findTemplate } from '../templates/catalog.ts';
import { lockedSections } from '../../shared/workflow/index.ts';
import type { RecordStore, TemplateStore, WorkflowStore } from '../store/ports.ts';
import type { DocumentRules } from './updateFilter.ts';

const NOTHING_LOCKED: ReadonlySet<string> = new Set();

/**
 * The rules of one collaborative document as the stores say now: the
 * sections of its case's template, and — in the joint document — the
 * sections whose agreed position is frozen. Each physician's own position
 * stays theirs to change.
 */
export async function documentRulesOf(
  stores: { records: RecordStore; workflow: WorkflowStore; templates: TemplateStore },
  docName: string,
): Promise<DocumentRules> {
  const parsed = parseDocName(docName);
  if (!parsed) throw new Error(`not a document name: ${docName}`);
  const record = await stores.records.getCase(parsed.caseId);
  const template = record ? await findTemplate(stores.templates, record.templateVersion) : null;
  // A document without a case holds nothing anyone may write (connections to it are refused anyway).
  const sections = new Set(template ? templateSections(template).map((section) => section.id) : []);
  if (parsed.part !== 'joint') return { sections, locked: NOTHING_LOCKED, notAssessed: holdsNotAssessed(parsed.part) };
  const stored = await stores.workflow.load(parsed.caseId);
  return { sections, locked: stored ? lockedSections(stored.state) : NOTHING_LOCKED };
}
