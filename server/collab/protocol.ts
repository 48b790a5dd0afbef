import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_AUTH, WRITE_ACK, WRITE_REFUSED, type WriteRefusal } from '../../shared/collabProtocol.ts';

/**
 * The y-websocket wire protocol (compatible with the stock WebsocketProvider):
 * `[messageType: varUint, payload…]`, sync messages carrying a sub-type.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: MESSAGE_AUTH,
  queryAwareness: 3,
} as const;

export const SyncType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

/** A decoded client message, dispatched by an exhaustive switch. */
export type ClientMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncStep2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' };

export class ProtocolError extends Error {}

/** Decodes one client message; throws ProtocolError on anything malformed. */
export function decodeClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data);
    const message = readMessage(decoder);
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after message');
    return message;
  } catch (error) {
    throw error instanceof ProtocolError ? error : new ProtocolError('undecodable message');
  }
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync:
      return readSync(decoder);
    case MessageType.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    case MessageType.queryAwareness:
      return { type: 'queryAwareness' };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

function readSync(decoder: decoding.Decoder): ClientMessage {
  const syncType = decoding.readVarUint(decoder);
  switch (syncType) {
    case SyncType.step1:
      return { type: 'syncStep1', stateVector: decoding.readVarUint8Array(decoder) };
    case SyncType.step2:
      return { type: 'syncStep2', update: decoding.readVarUint8Array(decoder) };
    case SyncType.update:
      return { type: 'update', update: decoding.readVarUint8Array(decoder) };
    default:
      throw new ProtocolError(`unknown sync message type ${syncType}`);
  }
}

export function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Acknowledges `count` update messages of one connection (see shared/collabProtocol.ts). */
export function encodeWriteAck(count: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  encoding.writeVarUint(encoder, WRITE_ACK);
  encoding.writeVarUint(encoder, count);
  return encoding.toUint8Array(encoder);
}

/** Tells a connection which parts of its update were not stored, and why (see shared/collabProtocol.ts). */
export function encodeWriteRefused(refusals: WriteRefusal[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  encoding.writeVarUint(encoder, WRITE_REFUSED);
  encoding.writeVarString(encoder, JSON.stringify(refusals));
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * An awareness message with no states: harmless to every client, and it keeps
 * the stock provider from reconnecting after 30 s without any message.
 */
export const KEEPALIVE_MESSAGE = encodeAwareness(new Uint8Array([0]));

/** A v1 update that carries nothing: no structs and no deletions. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
