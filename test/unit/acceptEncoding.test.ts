import { describe, expect, it } from 'vitest';
import { chooseCoding, type Precompressed } from '../../server/http/acceptEncoding.ts';

const both = new Set<Precompressed>(['br', 'gzip']);

describe('choosing a precompressed variant by Accept-Encoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', both, 'br'],
    ['gzip, deflate', both, 'gzip'],
    ['br', new Set<Precompressed>(['gzip']), null],
    ['gzip;q=1, br;q=0.5', both, 'gzip'],
    ['br;q=0, gzip', both, 'gzip'],
    ['*', both, 'br'],
    ['*;q=0.5, br;q=0', both, 'gzip'],
    ['x-gzip', both, 'gzip'],
    ['identity', both, null],
    ['', both, null],
    [undefined, both, null],
    ['gzip;q=0', both, null],
    ['BR;Q=1', both, 'br'],
  ] as const)('%j with %o available -> %s', (header, available, expected) => {
    expect(chooseCoding(header, available)).toBe(expected);
  });
});
