// @vitest-environment happy-dom
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { PluginKey } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardUndoManager, isBindingOrigin } from './useBoardDoc';

/** The origin Tiptap's Yjs binding really writes with, taken from an editor typing into a document. */
let ySyncPluginKey: unknown;
beforeAll(() => {
  const doc = new Y.Doc();
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.changed.size > 0) ySyncPluginKey ??= tr.origin;
  });
  const editor = new Editor({ extensions: [StarterKit.configure({ undoRedo: false }), Collaboration.configure({ document: doc })] });
  editor.commands.insertContent('Hallo');
  editor.destroy();
  expect(ySyncPluginKey).toBeDefined();
});

const own = { participantId: 'p1' };

function write(doc: Y.Doc, text: string, origin: unknown) {
  doc.transact(() => doc.getText('t').insert(doc.getText('t').length, text), origin);
}

/** Focus in a rich-text field (contenteditable), as while typing into a board's editor. */
function focusEditor(): HTMLElement {
  const el = document.createElement('div');
  el.contentEditable = 'true';
  el.tabIndex = 0;
  document.body.append(el);
  el.focus();
  return el;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('isBindingOrigin', () => {
  it("recognises the Yjs binding's plugin key, and nothing else", () => {
    expect(isBindingOrigin(ySyncPluginKey)).toBe(true);
    expect(isBindingOrigin(new PluginKey('other'))).toBe(false);
    expect(isBindingOrigin({ key: 'y-sync$' })).toBe(false);
    expect(isBindingOrigin('y-sync$')).toBe(false);
    expect(isBindingOrigin(null)).toBe(false);
    expect(isBindingOrigin(own)).toBe(false);
  });
});

describe('createBoardUndoManager', () => {
  it("undoes the person's own writes and not other people's", () => {
    const doc = new Y.Doc();
    const um = createBoardUndoManager(doc, own);
    write(doc, 'mine ', own);
    um.stopCapturing();
    write(doc, 'theirs', { participantId: 'p2' });
    expect(um.undoStack).toHaveLength(1);
    um.undo();
    expect(doc.getText('t').toString()).toBe('theirs');
  });

  it("undoes typing in a rich-text field (the binding's writes) only while the person is in an editor", () => {
    const doc = new Y.Doc();
    const um = createBoardUndoManager(doc, own);
    // The binding writing on its own (another person's change shown, an empty paragraph added).
    write(doc, 'shown ', ySyncPluginKey);
    expect(um.undoStack).toHaveLength(0);

    focusEditor();
    write(doc, 'typed', ySyncPluginKey);
    expect(um.undoStack).toHaveLength(1);
    um.undo();
    expect(doc.getText('t').toString()).toBe('shown ');
    um.redo();
    expect(doc.getText('t').toString()).toBe('shown typed');
  });
});
