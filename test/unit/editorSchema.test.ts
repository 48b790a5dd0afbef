import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { EDITOR_NODE_NAMES } from '../../shared/editorSchema.ts';
import { sectionStarterKit } from '../../client/src/editor/schema.ts';

describe('what the relay lets into a section', () => {
  it('is exactly what the section editor can write: its element nodes', () => {
    const schema = getSchema([sectionStarterKit()]);
    // `doc` is the fragment itself and `text` is a Y.XmlText: neither is an element.
    const elements = Object.keys(schema.nodes).filter((name) => name !== 'doc' && name !== 'text');
    expect(new Set(elements)).toEqual(EDITOR_NODE_NAMES);
  });
});
