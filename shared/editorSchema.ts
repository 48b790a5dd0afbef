/**
 * What the section editor writes into a document (client/src/editor/schema.ts
 * configures it; a unit test keeps the two in step). The relay refuses
 * anything else, so that every reader — the other physician's editor, the
 * server's section text, a proposal's hash — only ever meets these shapes:
 *
 * - a section is a root Y.XmlFragment named by its section id, whose children
 *   are elements;
 * - an element is one of these nodes and holds elements or text;
 * - a text holds characters, formatting and embeds;
 * - qualifiers live in the root Y.Map `qualifiers`, keyed by section id.
 */
export const EDITOR_NODE_NAMES: ReadonlySet<string> = new Set(['paragraph', 'bulletList', 'listItem', 'hardBreak']);

/** Longest qualifier code a document may hold ('+4' is the longest there is; some room for later scales). */
export const MAX_QUALIFIER_CODE_LENGTH = 8;
