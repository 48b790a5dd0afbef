import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { QUALIFIERS_MAP } from '../../shared/qualifiers.ts';
import { hasOneRunPerClient } from '../../server/collab/updateEncoding.ts';
import { UpdateFilter, type DocumentRules } from '../../server/collab/updateFilter.ts';
import { sectionText, typeInto } from '../helpers/collabClient.ts';

const SECTIONS = ['d110', 'd240', 'd430'];

function rules(locked: string[] = []): DocumentRules {
  return { sections: new Set(SECTIONS), locked: new Set(locked) };
}

/** The server's copy of a document and a client that starts from it and records what it sends. */
function setup(initial: (doc: Y.Doc) => void = () => undefined) {
  const server = new Y.Doc();
  const seed = new Y.Doc();
  initial(seed);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(seed));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const sent: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => sent.push(update));
  return { server, client, sent };
}

/** Filters what the client sent as one batch, stores (applies) the result on the server. */
function receive(server: Y.Doc, updates: Uint8Array[], documentRules: DocumentRules) {
  const filter = new UpdateFilter(server, documentRules);
  const results = updates.map((update) => filter.filter(update, Y.decodeUpdate(update)));
  for (const result of results) Y.applyUpdate(server, result.update);
  return results;
}

const qualifiers = (doc: Y.Doc) => doc.getMap<string>(QUALIFIERS_MAP).toJSON();

describe('the update filter of the relay', () => {
  it('passes what the editor writes unchanged, byte for byte, when nothing is locked', () => {
    const { server, client, sent } = setup((doc) => typeInto(doc, 'd240', 'Kan twee uur werken.'));
    typeInto(client, 'd240', ' Met pauzes.');
    client.getMap(QUALIFIERS_MAP).set('d240', '2');
    const results = receive(server, sent, rules());
    results.forEach((result, i) => expect(result.update).toBe(sent[i]));
    expect(results.flatMap((r) => r.refusals)).toEqual([]);
    expect(sectionText(server, 'd240')).toBe('Kan twee uur werken. Met pauzes.');
  });

  it('refuses inserts, formatting and deletions in a locked section while other sections of the same update are stored', () => {
    const { server, client, sent } = setup((doc) => {
      typeInto(doc, 'd240', 'Overeengekomen tekst.');
      typeInto(doc, 'd110', 'Open tekst.');
    });
    client.transact(() => {
      typeInto(client, 'd240', ' Toegevoegd.');
      const text = (client.getXmlFragment('d240').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.format(0, 4, { bold: true });
      text.delete(5, 4);
      typeInto(client, 'd110', ' Ook open.');
    });
    const [result] = receive(server, sent, rules(['d240']));
    expect(result!.refusals).toEqual([{ reason: 'locked', sections: ['d240'] }]);
    expect(sectionText(server, 'd240')).toBe('Overeengekomen tekst.');
    expect(server.getXmlFragment('d240').toString()).toBe('<paragraph>Overeengekomen tekst.</paragraph>');
    expect(sectionText(server, 'd110')).toBe('Open tekst. Ook open.');
  });

  it('refuses deleting a locked section’s paragraph and changing its qualifier in the joint document', () => {
    const { server, client, sent } = setup((doc) => {
      typeInto(doc, 'd240', 'Vast.');
      doc.getMap(QUALIFIERS_MAP).set('d240', '2');
      doc.getMap(QUALIFIERS_MAP).set('d110', '1');
    });
    client.transact(() => {
      client.getXmlFragment('d240').delete(0, 1);
      client.getMap(QUALIFIERS_MAP).set('d240', '4');
      client.getMap(QUALIFIERS_MAP).set('d110', '3');
    });
    const [result] = receive(server, sent, rules(['d240']));
    expect(result!.refusals).toEqual([{ reason: 'locked', sections: ['d240'] }]);
    expect(sectionText(server, 'd240')).toBe('Vast.');
    expect(qualifiers(server)).toEqual({ d240: '2', d110: '3' });
  });

  it('keeps the sender’s clock contiguous: what it writes after a refusal is stored, not left pending', () => {
    const { server, client, sent } = setup((doc) => typeInto(doc, 'd240', 'Vast.'));
    typeInto(client, 'd240', ' Geweigerd.');
    receive(server, sent.splice(0), rules(['d240']));
    typeInto(client, 'd110', 'Daarna.');
    const [later] = receive(server, sent.splice(0), rules(['d240']));
    expect(later!.refusals).toEqual([]);
    expect(server.store.pendingStructs).toBeNull();
    expect(sectionText(server, 'd110')).toBe('Daarna.');
    expect(sectionText(server, 'd240')).toBe('Vast.');
  });

  it('decides an update that builds on an earlier one of the same batch, not yet stored', () => {
    const { server, client, sent } = setup();
    typeInto(client, 'd430', 'Eerst');
    typeInto(client, 'd430', ' dan');
    typeInto(client, 'd240', 'Hier niet');
    const results = receive(server, sent, rules(['d240']));
    expect(results.map((r) => r.refusals)).toEqual([[], [], [{ reason: 'locked', sections: ['d240'] }]]);
    expect(sectionText(server, 'd430')).toBe('Eerst dan');
    expect(server.share.has('d240') ? sectionText(server, 'd240') : '').toBe('');
  });

  it('refuses what the editor never writes: text straight under a section, unknown nodes and roots, types in the qualifiers', () => {
    const { server, client, sent } = setup((doc) => typeInto(doc, 'd110', 'Goed.'));
    client.getText('d240').insert(0, 'vergif');
    client.getXmlFragment('d430').insert(0, [new Y.XmlElement('script')]);
    client.getMap('elders').set('x', 1);
    client.getMap(QUALIFIERS_MAP).set('d110', new Y.Map());
    client.getMap(QUALIFIERS_MAP).set('d240', 'x'.repeat(100));
    const results = receive(server, sent, rules());
    expect(results.map((r) => r.refusals)).toEqual([
      [{ reason: 'invalid', sections: ['d240'] }],
      [{ reason: 'invalid', sections: ['d430'] }],
      [{ reason: 'invalid', sections: [] }],
      [{ reason: 'invalid', sections: ['d110'] }],
      [{ reason: 'invalid', sections: ['d240'] }],
    ]);
    expect(server.getXmlFragment('d430').length).toBe(0);
    expect(server.getXmlFragment('d240').toArray()).toEqual([]);
    expect(qualifiers(server)).toEqual({});
    expect(sectionText(server, 'd110')).toBe('Goed.');
  });

  it('refuses what refers to content the server does not hold', () => {
    const { server, sent } = setup();
    const elsewhere = new Y.Doc();
    typeInto(elsewhere, 'd110', 'Onbekend');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(elsewhere));
    client.on('update', (update: Uint8Array) => sent.push(update));
    typeInto(client, 'd110', ' en verder');
    const [result] = receive(server, sent, rules());
    expect(result!.refusals).toEqual([{ reason: 'unresolved', sections: [] }]);
    expect(server.store.pendingStructs).toBeNull();
    expect(server.share.has('d110') ? sectionText(server, 'd110') : '').toBe('');
  });

  it('tells an update with one client in two runs apart (Yjs would apply only the last run)', () => {
    const a = new Y.Doc();
    typeInto(a, 'd110', 'x');
    expect(hasOneRunPerClient(Y.decodeUpdate(Y.encodeStateAsUpdate(a)))).toBe(true);
    const decoded = Y.decodeUpdate(Y.encodeStateAsUpdate(a));
    const other = new Y.Doc();
    typeInto(other, 'd240', 'y');
    const twice = { ...decoded, structs: [...decoded.structs, ...Y.decodeUpdate(Y.encodeStateAsUpdate(other)).structs, ...decoded.structs] };
    expect(hasOneRunPerClient(twice)).toBe(false);
  });

  it('property: whatever a client does, a locked section stays as it was, and every other section ends as if nothing were locked', () => {
    const edit = fc.record({
      section: fc.constantFrom(...SECTIONS),
      action: fc.constantFrom('type', 'delete', 'bold', 'qualifier', 'paragraph'),
      at: fc.nat(40),
      text: fc.string({ minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 25 }), fc.subarray(SECTIONS), fc.integer({ min: 1, max: 4 }), (edits, locked, batchSize) => {
        const initial = (doc: Y.Doc) => SECTIONS.forEach((id, i) => (typeInto(doc, id, `Tekst ${i}.`), doc.getMap(QUALIFIERS_MAP).set(id, String(i))));
        const filtered = setup(initial);
        const unfiltered = new Y.Doc();
        Y.applyUpdate(unfiltered, Y.encodeStateAsUpdate(filtered.server));
        const before = SECTIONS.map((id) => filtered.server.getXmlFragment(id).toString());
        const beforeQualifiers = qualifiers(filtered.server);
        for (const e of edits) applyEdit(filtered.client, e);
        for (let i = 0; i < filtered.sent.length; i += batchSize) receive(filtered.server, filtered.sent.slice(i, i + batchSize), rules(locked));
        for (const update of filtered.sent) Y.applyUpdate(unfiltered, update);
        expect(filtered.server.store.pendingStructs).toBeNull();
        SECTIONS.forEach((id, i) => {
          const expected = locked.includes(id) ? before[i] : unfiltered.getXmlFragment(id).toString();
          expect(filtered.server.getXmlFragment(id).toString()).toBe(expected);
          const q = locked.includes(id) ? beforeQualifiers[id] : qualifiers(unfiltered)[id];
          expect(qualifiers(filtered.server)[id]).toBe(q);
        });
      }),
      { numRuns: 150 },
    );
  });
});

function applyEdit(doc: Y.Doc, e: { section: string; action: string; at: number; text: string }): void {
  const fragment = doc.getXmlFragment(e.section);
  const paragraph = fragment.get(0) as Y.XmlElement | undefined;
  const text = paragraph?.get(0) as Y.XmlText | undefined;
  switch (e.action) {
    case 'type':
      if (text) text.insert(Math.min(e.at, text.length), e.text);
      else typeInto(doc, e.section, e.text);
      break;
    case 'delete':
      if (text && text.length > 0) text.delete(Math.min(e.at, text.length - 1), 1);
      break;
    case 'bold':
      if (text && text.length > 1) text.format(0, Math.min(e.at + 1, text.length), { bold: true });
      break;
    case 'qualifier':
      doc.getMap(QUALIFIERS_MAP).set(e.section, String(e.at % 5));
      break;
    case 'paragraph': {
      const next = new Y.XmlElement('paragraph');
      next.insert(0, [new Y.XmlText(e.text)]);
      fragment.insert(fragment.length, [next]);
      break;
    }
  }
}
