import type * as Y from 'yjs';
import { QUALIFIERS_MAP } from '../../../shared/qualifiers.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types a shared type by its event type
type SharedType = Y.AbstractType<any>;

/**
 * The sections one Yjs transaction changed: a section's text lives in the
 * root fragment named by its id, its qualifier under its id in the
 * qualifiers map (docs/architecture.md).
 */
export function changedSections(doc: Y.Doc, transaction: Y.Transaction | undefined): Set<string> {
  const sections = new Set<string>();
  if (!transaction) return sections;
  const names = new Map<SharedType, string>();
  for (const [name, type] of doc.share) names.set(type, name);
  for (const [type, keys] of transaction.changed) {
    let root: SharedType = type;
    while (root._item) root = root._item.parent as SharedType;
    const name = names.get(root);
    if (name === undefined) continue;
    if (name !== QUALIFIERS_MAP) sections.add(name);
    else if (root === type) for (const key of keys) if (key !== null) sections.add(key);
  }
  return sections;
}

/** What the browser keeps of one document's unconfirmed changes (localStorage): how many, and in which sections. */
export interface PendingRecord {
  changes: number;
  sections: string[];
}

/** Reads a kept record; a bare number is how earlier versions kept the count alone. */
export function parsePendingRecord(value: string | null): PendingRecord {
  if (!value) return { changes: 0, sections: [] };
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed === 'number') return { changes: Math.max(0, parsed) || 0, sections: [] };
    const record = parsed as Partial<PendingRecord> | null;
    const changes = typeof record?.changes === 'number' ? Math.max(0, record.changes) : 0;
    const sections = Array.isArray(record?.sections) ? record.sections.filter((s): s is string => typeof s === 'string') : [];
    return { changes, sections };
  } catch {
    return { changes: 0, sections: [] };
  }
}
