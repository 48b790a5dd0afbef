import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { versionContent } from '../../server/collab/versionContent.ts';
import { NOT_ASSESSED_MAP } from '../../shared/notAssessed.ts';
import { QUALIFIERS_MAP } from '../../shared/qualifiers.ts';

/** A paragraph element with plain text, as the editor writes one. */
function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  const xmlText = new Y.XmlText();
  xmlText.insert(0, text);
  element.insert(0, [xmlText]);
  return element;
}

function bulletList(items: string[]): Y.XmlElement {
  const list = new Y.XmlElement('bulletList');
  list.insert(
    0,
    items.map((text) => {
      const item = new Y.XmlElement('listItem');
      item.insert(0, [paragraph(text)]);
      return item;
    }),
  );
  return list;
}

/** A document with these sections (section id -> its blocks) and qualifiers, as its encoded state. */
function state(sections: Record<string, (Y.XmlElement | string)[]>, qualifiers: Record<string, unknown> = {}): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const [sectionId, blocks] of Object.entries(sections)) {
      doc.getXmlFragment(sectionId).insert(
        0,
        blocks.map((block) => (typeof block === 'string' ? paragraph(block) : block)),
      );
    }
    const map = doc.getMap(QUALIFIERS_MAP);
    for (const [sectionId, code] of Object.entries(qualifiers)) map.set(sectionId, code);
  });
  return Y.encodeStateAsUpdate(doc);
}

const empty = () => Y.encodeStateAsUpdate(new Y.Doc());

describe('versionContent', () => {
  it('reads "niet beoordeeld" with its reason apart from an empty text, and keeps the text of a marked section', () => {
    const occupational = new Y.Doc();
    Y.applyUpdate(occupational, state({ d240: ['Eerder geschreven.'] }));
    occupational.getMap(NOT_ASSESSED_MAP).set('d240', 'niet relevant voor dit werk');
    occupational.getMap(NOT_ASSESSED_MAP).set('d430', '');
    const content = versionContent({ occupational: Y.encodeStateAsUpdate(occupational), insurance: empty(), joint: empty() }, ['d240', 'd430', 'd110']);
    expect(content.d240?.occupational).toEqual({
      text: 'Eerder geschreven.',
      qualifier: null,
      qualifierCode: null,
      notAssessed: { reason: 'niet relevant voor dit werk' },
    });
    expect(content.d430?.occupational.notAssessed).toEqual({ reason: '' });
    expect(content.d110?.occupational).toEqual({ text: '', qualifier: null, qualifierCode: null, notAssessed: null });
    expect(content.d240?.insurance.notAssessed).toBeNull();
  });

  it('reads each document’s text per section, paragraphs on their own lines, with its qualifier', () => {
    const content = versionContent(
      {
        occupational: state({ d240: ['Kan vier uur per dag werken.', 'Pauzes nodig.'], e310: ['Partner steunt.'] }, { d240: '2', e310: '+3' }),
        insurance: state({ d240: ['Twee uur per dag.'] }, { d240: '3' }),
        joint: state({ d240: ['Vier uur, met pauzes.'] }, { d240: '2' }),
      },
      ['d240', 'e310'],
    );
    expect(content).toEqual({
      d240: {
        occupational: { text: 'Kan vier uur per dag werken.\nPauzes nodig.', qualifier: 2, qualifierCode: '2', notAssessed: null },
        insurance: { text: 'Twee uur per dag.', qualifier: 3, qualifierCode: '3', notAssessed: null },
        joint: { text: 'Vier uur, met pauzes.', qualifier: 2, qualifierCode: '2', notAssessed: null },
      },
      e310: {
        occupational: { text: 'Partner steunt.', qualifier: 3, qualifierCode: '+3', notAssessed: null },
        insurance: { text: '', qualifier: null, qualifierCode: null, notAssessed: null },
        joint: { text: '', qualifier: null, qualifierCode: null, notAssessed: null },
      },
    });
  });

  it('reads lists as the signed text does: one bulleted line per item', () => {
    const content = versionContent(
      { occupational: state({ d430: ['Tillen:', bulletList(['tot 5 kg', 'niet boven schouder'])] }), insurance: empty(), joint: empty() },
      ['d430'],
    );
    expect(content.d430?.occupational.text).toBe('Tillen:\n• tot 5 kg\n• niet boven schouder');
  });

  it('keeps 8 and 9 as codes, and reads a qualifier that is not a string as none', () => {
    const content = versionContent({ occupational: state({}, { d240: '8', d430: 4 }), insurance: state({}, { d240: '9' }), joint: empty() }, ['d240', 'd430']);
    expect(content.d240?.occupational).toEqual({ text: '', qualifier: 8, qualifierCode: '8', notAssessed: null });
    expect(content.d240?.insurance).toEqual({ text: '', qualifier: 9, qualifierCode: '9', notAssessed: null });
    expect(content.d430?.occupational).toEqual({ text: '', qualifier: null, qualifierCode: null, notAssessed: null });
  });

  it('gives every asked section, also one no document holds, and only those', () => {
    const content = versionContent({ occupational: state({ d240: ['tekst'], other: ['niet gevraagd'] }), insurance: empty(), joint: empty() }, [
      'd240',
      'new-section',
    ]);
    expect(Object.keys(content)).toEqual(['d240', 'new-section']);
    const none = { text: '', qualifier: null, qualifierCode: null, notAssessed: null };
    expect(content['new-section']).toEqual({ occupational: none, insurance: none, joint: none });
  });

  it('reads the state as it was encoded, whatever the document did after', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment('d240').insert(0, [paragraph('eerst')]);
    const before = Y.encodeStateAsUpdate(doc);
    doc.getXmlFragment('d240').insert(1, [paragraph('later')]);
    const content = versionContent({ occupational: before, insurance: empty(), joint: Y.encodeStateAsUpdate(doc) }, ['d240']);
    expect(content.d240?.occupational.text).toBe('eerst');
    expect(content.d240?.joint.text).toBe('eerst\nlater');
  });
});
