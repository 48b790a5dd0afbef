import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changedSections, parsePendingRecord } from '../../client/src/collab/changedSections.ts';
import { QUALIFIERS_MAP } from '../../shared/qualifiers.ts';

/** The sections of every transaction `change` makes in `doc`. */
function sectionsOf(doc: Y.Doc, change: () => void): string[] {
  const seen: string[] = [];
  const listen = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => seen.push(...changedSections(doc, transaction));
  doc.on('update', listen);
  change();
  doc.off('update', listen);
  return [...new Set(seen)].sort();
}

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}

describe('changedSections', () => {
  it('names the section whose text fragment changed, also deep inside it', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment('d240').insert(0, [paragraph('Belastbaar')]);
    expect(sectionsOf(doc, () => ((doc.getXmlFragment('d240').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(10, ' voor licht werk'))).toEqual(['d240']);
  });

  it('names each section of one transaction once, text and qualifier alike', () => {
    const doc = new Y.Doc();
    const sections = sectionsOf(doc, () =>
      doc.transact(() => {
        doc.getXmlFragment('d175').insert(0, [paragraph('a')]);
        doc.getXmlFragment('d240').insert(0, [paragraph('b')]);
        doc.getMap(QUALIFIERS_MAP).set('d450', '2');
        doc.getMap(QUALIFIERS_MAP).set('d240', '1');
      }),
    );
    expect(sections).toEqual(['d175', 'd240', 'd450']);
  });

  it('names nothing without a transaction', () => {
    expect([...changedSections(new Y.Doc(), undefined)]).toEqual([]);
  });
});

describe('parsePendingRecord', () => {
  it('reads the kept count and sections, an older bare count, and nothing from garbage', () => {
    expect(parsePendingRecord(JSON.stringify({ changes: 12, sections: ['d240', 'd175'] }))).toEqual({ changes: 12, sections: ['d240', 'd175'] });
    expect(parsePendingRecord('7')).toEqual({ changes: 7, sections: [] });
    expect(parsePendingRecord(null)).toEqual({ changes: 0, sections: [] });
    expect(parsePendingRecord('{not json')).toEqual({ changes: 0, sections: [] });
    expect(parsePendingRecord(JSON.stringify({ changes: -3, sections: [1, 'd240'] }))).toEqual({ changes: 0, sections: ['d240'] });
  });
});
