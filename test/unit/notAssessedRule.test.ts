import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentRulesOf } from '../../server/collab/documentRules.ts';
import { UpdateFilter, type DocumentRules } from '../../server/collab/updateFilter.ts';
import { MAX_NOT_ASSESSED_REASON_CHARS, NOT_ASSESSED_MAP, notAssessedOf } from '../../shared/notAssessed.ts';
import type { RecordStore, TemplateStore, WorkflowStore } from '../../server/store/ports.ts';
import { sectionText, typeInto } from '../helpers/collabClient.ts';

const SECTIONS = ['d110', 'd240'];

function rules(notAssessed: boolean): DocumentRules {
  return { sections: new Set(SECTIONS), locked: new Set(), notAssessed };
}

/** A client starting from the server's document; what it writes is filtered as one batch and applied on the server. */
function writeAndReceive(documentRules: DocumentRules, write: (client: Y.Doc) => void, initial: (doc: Y.Doc) => void = () => undefined) {
  const server = new Y.Doc();
  initial(server);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const sent: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => sent.push(update));
  write(client);
  const filter = new UpdateFilter(server, documentRules);
  const results = sent.map((update) => filter.filter(update, Y.decodeUpdate(update)));
  for (const result of results) Y.applyUpdate(server, result.update);
  return { server, refusals: results.map((r) => r.refusals) };
}

const marks = (doc: Y.Doc) => doc.getMap(NOT_ASSESSED_MAP).toJSON();

describe('the relay rule for "niet beoordeeld"', () => {
  it('accepts a mark per template section with a reason or an empty one, and its removal; the text stays', () => {
    const { server, refusals } = writeAndReceive(
      rules(true),
      (client) => {
        client.getMap(NOT_ASSESSED_MAP).set('d240', 'niet relevant voor dit werk');
        client.getMap(NOT_ASSESSED_MAP).set('d110', '');
        client.getMap(NOT_ASSESSED_MAP).set('d110', 'x'.repeat(MAX_NOT_ASSESSED_REASON_CHARS));
        client.getMap(NOT_ASSESSED_MAP).delete('d110');
      },
      (doc) => typeInto(doc, 'd240', 'Tekst blijft.'),
    );
    expect(refusals.flat()).toEqual([]);
    expect(marks(server)).toEqual({ d240: 'niet relevant voor dit werk' });
    expect(sectionText(server, 'd240')).toBe('Tekst blijft.');
  });

  it.each([
    ['an unknown section', (map: Y.Map<unknown>) => map.set('d999', ''), []],
    ['a value that is not a string', (map: Y.Map<unknown>) => map.set('d240', true), ['d240']],
    ['a number', (map: Y.Map<unknown>) => map.set('d240', 3), ['d240']],
    ['a reason over the limit', (map: Y.Map<unknown>) => map.set('d240', 'x'.repeat(MAX_NOT_ASSESSED_REASON_CHARS + 1)), ['d240']],
    ['a nested map', (map: Y.Map<unknown>) => map.set('d240', new Y.Map()), ['d240']],
    ['a nested text', (map: Y.Map<unknown>) => map.set('d240', new Y.Text('verborgen')), ['d240']],
  ])('refuses %s, and nothing changes', (_name, write, sections) => {
    const { server, refusals } = writeAndReceive(
      rules(true),
      (client) => write(client.getMap(NOT_ASSESSED_MAP)),
      (doc) => doc.getMap(NOT_ASSESSED_MAP).set('d110', 'eerder'),
    );
    expect(refusals).toEqual([[{ reason: 'invalid', sections }]]);
    expect(marks(server)).toEqual({ d110: 'eerder' });
  });

  it('refuses the map in a document that may not hold it (the joint document)', () => {
    const { server, refusals } = writeAndReceive(rules(false), (client) => client.getMap(NOT_ASSESSED_MAP).set('d240', ''));
    expect(refusals).toEqual([[{ reason: 'invalid', sections: ['d240'] }]]);
    expect(marks(server)).toEqual({});
  });

  it('lets each physician document hold the map, the joint document not', async () => {
    const records = { getCase: async () => ({ templateVersion: 1 }) } as unknown as RecordStore;
    const workflow = { load: async () => null } as unknown as WorkflowStore;
    // Version 1 is shipped: the catalog never asks the store for it.
    const templates = { get: async () => null } as unknown as TemplateStore;
    const of = (part: string) => documentRulesOf({ records, workflow, templates }, `cases/c1/${part}`);
    expect((await of('occupational')).notAssessed).toBe(true);
    expect((await of('insurance')).notAssessed).toBe(true);
    expect((await of('joint')).notAssessed ?? false).toBe(false);
  });

  it('reads a stored value as a mark only when it is a reason', () => {
    expect(notAssessedOf('niet relevant')).toEqual({ reason: 'niet relevant' });
    expect(notAssessedOf('')).toEqual({ reason: '' });
    expect(notAssessedOf(undefined)).toBeNull();
    expect(notAssessedOf(true)).toBeNull();
    expect(notAssessedOf('x'.repeat(MAX_NOT_ASSESSED_REASON_CHARS + 1))).toBeNull();
  });
});
