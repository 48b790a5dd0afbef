import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_AUTH, WRITE_REFUSED, type WriteRefusal } from '../../shared/collabProtocol.ts';
import { waitFor } from './waitFor.ts';

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events the provider saw, newest last. */
  closes: { code: number; reason: string }[];
  synced(): Promise<void>;
  destroy(): void;
}

/**
 * The stock y-websocket WebsocketProvider, in Node, as a protocol client: what
 * works with it works with any standard y-websocket client.
 */
export function connectDoc(collabUrl: string, docName: string, token: string | null, options: { connect?: boolean } = {}): CollabClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(collabUrl, docName, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 200,
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    synced: () => waitFor(() => provider.synced, { what: `sync of ${docName}`, timeoutMs: 10_000 }).then(() => undefined),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Appends text to a section's paragraph the way an editor would (an XmlText in a paragraph element). */
export function typeInto(doc: Y.Doc, section: string, text: string): void {
  const fragment = doc.getXmlFragment(section);
  doc.transact(() => {
    let paragraph = fragment.get(0) as Y.XmlElement | undefined;
    if (!paragraph) {
      paragraph = new Y.XmlElement('paragraph');
      fragment.insert(0, [paragraph]);
    }
    let textNode = paragraph.get(0) as Y.XmlText | undefined;
    if (!textNode) {
      textNode = new Y.XmlText();
      paragraph.insert(0, [textNode]);
    }
    textNode.insert(textNode.length, text);
  });
}

export function sectionText(doc: Y.Doc, section: string): string {
  return doc
    .getXmlFragment(section)
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((child) => (child instanceof Y.XmlText ? child.toString() : ''))
            .join('')
        : '',
    )
    .join('\n');
}

/** A stretch of a section's first paragraph as an anchor: two relative positions, base64. */
export function anchorOf(doc: Y.Doc, section: string, words: string) {
  const text = (doc.getXmlFragment(section).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const from = text.toString().indexOf(words);
  const encode = (index: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString('base64');
  return { start: encode(from), end: encode(from + words.length) };
}

/** Records the write refusals the server sends a stock provider (which itself ignores them). */
export function watchRefusals(client: CollabClient): WriteRefusal[][] {
  const seen: WriteRefusal[][] = [];
  const handlers = client.provider.messageHandlers;
  const original = handlers[MESSAGE_AUTH]!;
  handlers[MESSAGE_AUTH] = (encoder, decoder, provider, emitSynced, type) => {
    if (decoder.arr[decoder.pos] === WRITE_REFUSED) {
      decoding.readVarUint(decoder);
      seen.push(JSON.parse(decoding.readVarString(decoder)) as WriteRefusal[]);
      return;
    }
    original(encoder, decoder, provider, emitSynced, type);
  };
  return seen;
}

/** A bare websocket on a document, for messages no provider would send. */
export async function openRaw(server: { collabUrl: string }, docName: string, token: string) {
  const ws = new WebSocket(`${server.collabUrl}/${docName}?token=${encodeURIComponent(token)}`);
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  // The server's first message (its sync step 1) shows the connection is attached to the document.
  const attached = new Promise((resolve) => ws.once('message', resolve));
  ws.on('error', () => undefined);
  await attached;
  return { ws, closed };
}

export function encodeVarUint(value: number): Buffer {
  const bytes: number[] = [];
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value >>>= 7;
  }
  bytes.push(value);
  return Buffer.from(bytes);
}

/** A y-websocket update message: [sync, update, payload]. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A y-websocket awareness message carrying these states. */
export function awarenessMessage(states: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, states.length);
  for (const { clientId, clock, state } of states) {
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** The text of a section as the store holds it now. */
export async function storedSectionText(
  stores: { docs: { load(name: string): Promise<{ snapshot: Uint8Array | null; updates: Uint8Array[] }> } },
  docName: string,
  section: string,
): Promise<string> {
  const stored = await stores.docs.load(docName);
  const doc = new Y.Doc();
  for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, part);
  return doc.share.has(section) ? sectionText(doc, section) : '';
}
