import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The two wire dialects of the servers under test. y-websocket (ours and the
 * reference): one document per socket, `[type, …]`. Hocuspocus: every message
 * starts with the document name (`[docName, type, …]`), a token message opens
 * the document, and sync replies use type 4.
 */
export type Dialect = 'y-websocket' | 'hocuspocus';

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const HOCUSPOCUS_SYNC_REPLY = 4;

export const SyncStep = { step1: 0, step2: 1, update: 2 } as const;

/** What the load generator needs to know about a server message. */
export type ServerMessage =
  | { kind: 'syncStep1' }
  | { kind: 'syncStep2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness' }
  /** Our server's write acknowledgement `[2, 1, count]` (durable). */
  | { kind: 'ack'; count: number }
  | { kind: 'other' };

export class Wire {
  constructor(
    readonly dialect: Dialect,
    private readonly docName: string,
  ) {}

  /** Messages to send right after the socket opens: (hocuspocus: token), sync step 1, awareness. */
  opening(awareness: Uint8Array): Uint8Array[] {
    const messages: Uint8Array[] = [];
    if (this.dialect === 'hocuspocus') {
      messages.push(this.encode((e) => (encoding.writeVarUint(e, AUTH), encoding.writeVarUint(e, 0), encoding.writeVarString(e, ''))));
    }
    messages.push(this.sync(SyncStep.step1, new Uint8Array([0])));
    messages.push(this.awareness(awareness));
    return messages;
  }

  sync(step: number, payload: Uint8Array): Uint8Array {
    return this.encode((e) => {
      encoding.writeVarUint(e, SYNC);
      encoding.writeVarUint(e, step);
      encoding.writeVarUint8Array(e, payload);
    });
  }

  awareness(update: Uint8Array): Uint8Array {
    return this.encode((e) => (encoding.writeVarUint(e, AWARENESS), encoding.writeVarUint8Array(e, update)));
  }

  decode(data: Uint8Array): ServerMessage {
    const decoder = decoding.createDecoder(data);
    if (this.dialect === 'hocuspocus') decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case SYNC:
      case HOCUSPOCUS_SYNC_REPLY: {
        const step = decoding.readVarUint(decoder);
        if (step === SyncStep.step1) return { kind: 'syncStep1' };
        const update = decoding.readVarUint8Array(decoder);
        return step === SyncStep.step2 ? { kind: 'syncStep2', update } : { kind: 'update', update };
      }
      case AWARENESS:
        return { kind: 'awareness' };
      case AUTH: {
        if (this.dialect !== 'y-websocket') return { kind: 'other' };
        const subType = decoding.readVarUint(decoder);
        return subType === 1 ? { kind: 'ack', count: decoding.readVarUint(decoder) } : { kind: 'other' };
      }
      default:
        return { kind: 'other' };
    }
  }

  private encode(write: (encoder: encoding.Encoder) => void): Uint8Array {
    const encoder = encoding.createEncoder();
    if (this.dialect === 'hocuspocus') encoding.writeVarString(encoder, this.docName);
    write(encoder);
    return encoding.toUint8Array(encoder);
  }
}

/** An awareness update for one client, encoded by hand (no Awareness instance needed). */
export function encodeAwarenessState(clientId: number, clock: number, state: unknown): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}

/** The empty v1 update: the sync step 2 of a client that has typed nothing yet. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);
