import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** A decoded v1 update, as `Y.decodeUpdate` gives it. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;
export type Struct = DecodedUpdate['structs'][number];

/** A range of one client's clocks. */
export interface Range {
  clock: number;
  len: number;
}

/** Writes a v1 update: the structs (those not kept as GC ranges of the same length) and the deletions. */
export function encodeUpdate(entries: readonly { struct: Struct; keep: boolean }[], deletions: ReadonlyMap<number, readonly Range[]>): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const runs: { struct: Struct; keep: boolean }[][] = [];
  for (const entry of entries) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.struct.id.client === entry.struct.id.client) last.push(entry);
    else runs.push([entry]);
  }
  encoding.writeVarUint(encoder.restEncoder, runs.length);
  for (const run of runs) {
    const first = run[0]!.struct;
    encoding.writeVarUint(encoder.restEncoder, run.length);
    encoder.writeClient(first.id.client);
    encoding.writeVarUint(encoder.restEncoder, first.id.clock);
    for (const { struct, keep } of run) (keep ? struct : new Y.GC(struct.id, struct.length)).write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, deletions.size);
  for (const [client, ranges] of deletions) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}

/**
 * Checks the outline of a decoded update: each client's structs come in one
 * run. Yjs keeps only the last run of a client that appears twice, so such an
 * update would integrate differently from how it was checked.
 */
export function hasOneRunPerClient(decoded: DecodedUpdate): boolean {
  const seen = new Set<number>();
  let previous: number | null = null;
  for (const struct of decoded.structs) {
    const client = struct.id.client;
    if (client !== previous) {
      if (seen.has(client)) return false;
      seen.add(client);
      previous = client;
    }
  }
  return true;
}
