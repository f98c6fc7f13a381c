import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTES_FRAGMENT } from '../../shared/schema/notes';
import type { Collaboration as Collab } from './useCollaboration';

export interface PresenceUser {
  /** participantId; the same person in two tabs shares it. */
  id: string;
  name: string;
  color: string;
  role: string;
}

/** A remote caret: a coloured bar with the person's name. Hidden from screen readers (not content). */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : '#1A3DA5';
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.style.borderColor = color;
  caret.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  caret.append(label);
  return caret;
}

interface NotesEditorProps {
  collab: Collab;
  user: PresenceUser;
  editable: boolean;
}

export function NotesEditor({ collab, user, editable }: NotesEditorProps) {
  const { t } = useTranslation();
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({
          // Yjs brings its own undo manager; ProseMirror's history would undo other people's text.
          undoRedo: false,
          heading: { levels: [2, 3] },
          link: { openOnClick: false },
        }),
        Collaboration.configure({ document: collab.doc, field: NOTES_FRAGMENT }),
        CollaborationCaret.configure({ provider: collab.provider, user, render: renderCaret }),
      ],
      editable,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: 'wr-editor__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': 'notes-heading',
          'aria-describedby': 'notes-hint',
          ...(editable ? {} : { 'aria-readonly': 'true' }),
          id: 'notes-editor',
          'data-testid': 'notes-editor',
          spellcheck: 'true',
        },
      },
    },
    [collab],
  );

  const isEmpty = useEditorState({ editor, selector: ({ editor: e }) => e?.isEmpty ?? true });

  return (
    <div className={`wr-editor${editable ? '' : ' wr-editor--readonly'}`}>
      {editable && editor ? <Toolbar editor={editor} /> : null}
      <div className="wr-editor__surface">
        {isEmpty ? (
          <p className="wr-editor__placeholder" aria-hidden="true">
            {editable ? t('room.notesPlaceholder') : t('room.notesEmpty')}
          </p>
        ) : null}
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}

interface ToolDef {
  key: 'bold' | 'italic' | 'h2' | 'h3' | 'bulletList';
  glyph: string;
  isActive: (e: Editor) => boolean;
  run: (e: Editor) => void;
}

const TOOLS: ToolDef[] = [
  { key: 'bold', glyph: 'B', isActive: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  { key: 'italic', glyph: 'I', isActive: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  { key: 'h2', glyph: 'H2', isActive: (e) => e.isActive('heading', { level: 2 }), run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run() },
  { key: 'h3', glyph: 'H3', isActive: (e) => e.isActive('heading', { level: 3 }), run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run() },
  { key: 'bulletList', glyph: '•', isActive: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
];

/** Formatting toolbar (WAI-ARIA toolbar pattern: one tab stop, arrow keys move between buttons). */
function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const [focusIdx, setFocusIdx] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => TOOLS.map((tool) => tool.isActive(e)),
    equalityFn: (a, b) => !!b && a.length === b.length && a.every((v, i) => v === b[i]),
  });

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    let next = focusIdx;
    if (e.key === 'ArrowRight') next = (focusIdx + 1) % TOOLS.length;
    else if (e.key === 'ArrowLeft') next = (focusIdx - 1 + TOOLS.length) % TOOLS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TOOLS.length - 1;
    else return;
    e.preventDefault();
    setFocusIdx(next);
    refs.current[next]?.focus();
  }

  return (
    <div className="wr-toolbar" role="toolbar" aria-label={t('room.toolbar.label')} aria-controls="notes-editor" onKeyDown={onKeyDown}>
      {TOOLS.map((tool, i) => (
        <button
          key={tool.key}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          className={`kern-btn kern-btn--tertiary wr-toolbar__btn wr-toolbar__btn--${tool.key}`}
          aria-pressed={active[i] ?? false}
          tabIndex={i === focusIdx ? 0 : -1}
          title={t(`room.toolbar.${tool.key}`)}
          onFocus={() => setFocusIdx(i)}
          // Keep the editor's selection: a mousedown on the button would otherwise blur it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => tool.run(editor)}
        >
          <span className="wr-toolbar__glyph" aria-hidden="true">
            {tool.glyph}
          </span>
          <span className="kern-sr-only">{t(`room.toolbar.${tool.key}`)}</span>
        </button>
      ))}
    </div>
  );
}
