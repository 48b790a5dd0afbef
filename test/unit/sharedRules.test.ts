import { describe, expect, it } from 'vitest';
import { formatDocName, parseDocName } from '../../shared/docNames.ts';
import { docAccess, otherPart, ownPart } from '../../shared/permissions.ts';
import { CreateCaseInput } from '../../shared/schemas.ts';
import { decodeClientMessage, encodeSync, isEmptyUpdate, ProtocolError, SyncType } from '../../server/collab/protocol.ts';

describe('document names', () => {
  it('round-trips and refuses anything else', () => {
    expect(parseDocName(formatDocName({ caseId: 'demo', part: 'joint' }))).toEqual({ caseId: 'demo', part: 'joint' });
    for (const bad of ['cases/demo', 'cases/demo/other', 'cases/../joint', 'cases/a b/joint', 'x/demo/joint', 'cases/demo/joint/x', '']) {
      expect(parseDocName(bad)).toBeNull();
    }
  });
});

describe('document access (docs/architecture.md)', () => {
  it.each([
    ['occupational', 'ba', 'rw'],
    ['occupational', 'va', 'r'],
    ['insurance', 'ba', 'r'],
    ['insurance', 'va', 'rw'],
    ['joint', 'ba', 'rw'],
    ['joint', 'va', 'rw'],
  ] as const)('%s document, %s -> %s', (part, role, access) => {
    expect(docAccess(role, part)).toBe(access);
  });

  it('refuses everyone who is not a member', () => {
    for (const part of ['occupational', 'insurance', 'joint'] as const) expect(docAccess(null, part)).toBe('none');
  });

  it('each physician owns one document and reads the other', () => {
    expect(ownPart('ba')).toBe('occupational');
    expect(otherPart('ba')).toBe('insurance');
    expect(ownPart('va')).toBe('insurance');
    expect(docAccess('va', ownPart('va'))).toBe('rw');
    expect(docAccess('va', otherPart('va'))).toBe('r');
  });
});

describe('case input', () => {
  const valid = { title: 't', employeePseudonym: 'WN-1', employer: 'e', firstSickDay: '2026-01-31', ba: 'ba.demo', va: 'va.demo' };
  it('accepts a valid case and refuses a BSN-like pseudonym and impossible dates', () => {
    expect(CreateCaseInput.safeParse(valid).success).toBe(true);
    for (const pseudonym of ['123456782', '1234.56.782', '12345678']) {
      expect(CreateCaseInput.safeParse({ ...valid, employeePseudonym: pseudonym }).success).toBe(false);
    }
    for (const date of ['2026-02-30', '2026-13-01', '31-01-2026']) {
      expect(CreateCaseInput.safeParse({ ...valid, firstSickDay: date }).success).toBe(false);
    }
  });
});

describe('y-websocket message decoding', () => {
  it('decodes sync messages and refuses malformed ones', () => {
    const update = new Uint8Array([0, 0]);
    expect(decodeClientMessage(encodeSync(SyncType.update, update))).toEqual({ type: 'update', update });
    expect(decodeClientMessage(new Uint8Array([3]))).toEqual({ type: 'queryAwareness' });
    for (const bad of [[], [7], [0, 9, 0], [0, 2, 10, 1], [1], [0, 0, 0, 5]]) {
      expect(() => decodeClientMessage(new Uint8Array(bad))).toThrow(ProtocolError);
    }
  });

  it('recognises an empty update', () => {
    expect(isEmptyUpdate(new Uint8Array([0, 0]))).toBe(true);
    expect(isEmptyUpdate(new Uint8Array([1, 0]))).toBe(false);
  });
});
