import type * as Y from 'yjs';
import { formatDocName, type DocPart } from '../../shared/docNames.ts';
import { QUALIFIERS_MAP } from '../../shared/qualifiers.ts';
import { connectDoc, typeInto } from './collabClient.ts';
import type { TestServer } from './testServer.ts';

/**
 * Writes into one of a case's documents through the stock WebsocketProvider,
 * as a physician's editor does, and resolves once the server acknowledged
 * the write as durable ([2, 1, count]).
 */
export async function writeDoc(
  server: Pick<TestServer, 'collabUrl'>,
  token: string,
  caseId: string,
  part: DocPart,
  change: (doc: Y.Doc) => void,
): Promise<void> {
  const client = connectDoc(server.collabUrl, formatDocName({ caseId, part }), token);
  try {
    await client.synced();
    const acknowledged = new Promise<void>((resolve) => {
      const handlers = client.provider.messageHandlers;
      const original = handlers[2]!;
      handlers[2] = (encoder, decoder, provider, emitSynced, type) => {
        if (decoder.arr[decoder.pos] === 1) resolve();
        original(encoder, decoder, provider, emitSynced, type);
      };
    });
    client.doc.transact(() => change(client.doc));
    await acknowledged;
  } finally {
    client.destroy();
  }
}

/** A section's text and, when given, its qualifier code, in one update. */
export const position =
  (section: string, text: string, qualifier?: string) =>
  (doc: Y.Doc): void => {
    typeInto(doc, section, text);
    if (qualifier !== undefined) doc.getMap(QUALIFIERS_MAP).set(section, qualifier);
  };
