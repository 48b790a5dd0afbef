import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
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
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((child) => (child instanceof Y.XmlText ? child.toString() : '')).join('') : ''))
    .join('\n');
}

/** A stretch of a section's first paragraph as an anchor: two relative positions, base64. */
export function anchorOf(doc: Y.Doc, section: string, words: string) {
  const text = (doc.getXmlFragment(section).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const from = text.toString().indexOf(words);
  const encode = (index: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString('base64');
  return { start: encode(from), end: encode(from + words.length) };
}
