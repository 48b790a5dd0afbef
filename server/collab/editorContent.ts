import * as Y from 'yjs';
import { EDITOR_NODE_NAMES, MAX_QUALIFIER_CODE_LENGTH } from '../../shared/editorSchema.ts';
import { exhaustive } from '../../shared/exhaustive.ts';
import { isNotAssessedReason, NOT_ASSESSED_MAP } from '../../shared/notAssessed.ts';
import { QUALIFIERS_MAP } from '../../shared/qualifiers.ts';

/** What a document may hold, and which of its sections are locked (docs/domain.md: an agreed position is frozen). */
export interface DocumentRules {
  /** Root Y.XmlFragments: the sections of the case's assessment template. */
  sections: ReadonlySet<string>;
  /** Sections whose text and qualifier accept no change. */
  locked: ReadonlySet<string>;
  /** Whether the root `notAssessed` map may be written (a physician's own document, shared/notAssessed.ts); absent: it may not. */
  notAssessed?: boolean;
}

/** What kind of type holds an item: it decides which content is allowed there. */
export type Holder = 'section' | 'qualifiers' | 'notAssessed' | 'element' | 'text' | 'other';

/**
 * Where an item lives: its root, the key under the root it descends from (a
 * qualifier's section), the type that holds it, and its own key in that type
 * (an attribute or map entry; null in a list).
 */
export interface Home {
  root: string;
  key: string | null;
  holder: Holder;
  sub: string | null;
}

/** The holder of the items directly under a root type. */
export function rootHolder(rules: DocumentRules, root: string): Holder {
  if (rules.sections.has(root)) return 'section';
  if (root === NOT_ASSESSED_MAP && rules.notAssessed === true) return 'notAssessed';
  return root === QUALIFIERS_MAP ? 'qualifiers' : 'other';
}

/** The holder of the items inside a nested type. */
export function holderOfType(type: Y.AbstractType<unknown>): Holder {
  // XmlText extends Text and XmlElement extends XmlFragment: test the specific classes first.
  if (type instanceof Y.XmlText) return 'text';
  if (type instanceof Y.XmlElement) return 'element';
  return 'other';
}

/** The locked section an item at `home` belongs to (its text, or its qualifier), or null. */
export function lockedSection(rules: DocumentRules, home: Home): string | null {
  if (rules.locked.size === 0) return null;
  if (rules.locked.has(home.root)) return home.root;
  if (isKeyedBySection(home.root) && home.key !== null && rules.locked.has(home.key)) return home.key;
  return null;
}

/** The section a refusal of an item at `home` concerns: its text's or its qualifier's, when it is one of the template. */
export function sectionOf(rules: DocumentRules, home: Home): string | null {
  const section = isKeyedBySection(home.root) ? home.key : home.root;
  return section !== null && rules.sections.has(section) ? section : null;
}

/** The root maps whose keys are section ids. */
function isKeyedBySection(root: string): boolean {
  return root === QUALIFIERS_MAP || root === NOT_ASSESSED_MAP;
}

/** Whether the content of a new item is what the editor writes in that place (shared/editorSchema.ts). */
export function allowedIn(rules: DocumentRules, home: Home, content: Y.Item['content']): boolean {
  const parentSub = home.sub;
  if (content instanceof Y.ContentDeleted) return true;
  switch (home.holder) {
    case 'section':
      return parentSub === null && isEditorElement(content);
    case 'qualifiers':
      return parentSub !== null && content instanceof Y.ContentAny && content.arr.every(isQualifierValue);
    case 'notAssessed':
      // A template section's mark, its reason a string within the limit: nothing else.
      return parentSub !== null && rules.sections.has(parentSub) && content instanceof Y.ContentAny && content.arr.every(isNotAssessedReason);
    case 'element':
      if (parentSub !== null) return content instanceof Y.ContentAny;
      return isEditorElement(content) || (content instanceof Y.ContentType && content.type instanceof Y.XmlText);
    case 'text':
      if (parentSub !== null) return content instanceof Y.ContentAny;
      return content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed;
    case 'other':
      return false;
    default:
      return exhaustive(home.holder);
  }
}

function isEditorElement(content: Y.Item['content']): boolean {
  return (
    content instanceof Y.ContentType &&
    content.type instanceof Y.XmlElement &&
    !(content.type instanceof Y.XmlText) &&
    EDITOR_NODE_NAMES.has(content.type.nodeName)
  );
}

function isQualifierValue(value: unknown): boolean {
  return value === null || (typeof value === 'string' && value.length <= MAX_QUALIFIER_CODE_LENGTH);
}
