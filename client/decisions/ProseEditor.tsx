/**
 * A prose field of a draft (Sachverhalt, Beschlussvorschlag, Begründung): Tiptap bound to the
 * draft's `Y.XmlFragment` in the `decisions` document, with remote carets as in the notes.
 */
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { ProseField } from '../../shared/decision';
import { proseFieldName } from '../../shared/schema/decisions';
import { renderCaret, type PresenceUser } from '../room/NotesEditor';

interface ProseEditorProps {
  doc: Y.Doc;
  provider: WebsocketProvider;
  draftId: string;
  field: ProseField;
  user: PresenceUser;
  editable: boolean;
  labelId: string;
}

export function ProseEditor({ doc, provider, draftId, field, user, editable, labelId }: ProseEditorProps) {
  const { t } = useTranslation();
  const editorId = `decision-${field}-editor`;
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false, heading: false, link: { openOnClick: false }, codeBlock: false }),
        Collaboration.configure({ document: doc, field: proseFieldName(draftId, field) }),
        CollaborationCaret.configure({ provider, user, render: renderCaret }),
      ],
      editable,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: 'wr-editor__content wr-dec-prose__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          ...(editable ? {} : { 'aria-readonly': 'true' }),
          id: editorId,
          'data-testid': `decision-${field}`,
          spellcheck: 'true',
        },
      },
    },
    [doc, provider, draftId, field, editable],
  );
  const isEmpty = useEditorState({ editor, selector: ({ editor: e }) => e?.isEmpty ?? true });

  return (
    <div className={`wr-editor wr-dec-prose${editable ? '' : ' wr-editor--readonly'}`}>
      {editable && editor ? <ProseToolbar editor={editor} controls={editorId} label={t('decisions.editor.toolbar', { field: t(`decisions.fields.${field}`) })} /> : null}
      <div className="wr-editor__surface">
        {isEmpty ? (
          <p className="wr-editor__placeholder" aria-hidden="true">
            {editable ? t('decisions.editor.prosePlaceholder') : t('decisions.editor.proseEmpty')}
          </p>
        ) : null}
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}

const TOOLS = [
  { key: 'bold', glyph: 'B', isActive: (e: Editor) => e.isActive('bold'), run: (e: Editor) => e.chain().focus().toggleBold().run() },
  { key: 'italic', glyph: 'I', isActive: (e: Editor) => e.isActive('italic'), run: (e: Editor) => e.chain().focus().toggleItalic().run() },
  { key: 'bulletList', glyph: '•', isActive: (e: Editor) => e.isActive('bulletList'), run: (e: Editor) => e.chain().focus().toggleBulletList().run() },
  { key: 'orderedList', glyph: '1.', isActive: (e: Editor) => e.isActive('orderedList'), run: (e: Editor) => e.chain().focus().toggleOrderedList().run() },
] as const;

/** WAI-ARIA toolbar: one tab stop, arrow keys move between the buttons (as in the notes). */
function ProseToolbar({ editor, controls, label }: { editor: Editor; controls: string; label: string }) {
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
    <div className="wr-toolbar" role="toolbar" aria-label={label} aria-controls={controls} onKeyDown={onKeyDown}>
      {TOOLS.map((tool, i) => (
        <button
          key={tool.key}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          className="kern-btn kern-btn--tertiary wr-toolbar__btn"
          aria-pressed={active[i] ?? false}
          tabIndex={i === focusIdx ? 0 : -1}
          title={t(`decisions.editor.${tool.key}`)}
          onFocus={() => setFocusIdx(i)}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => tool.run(editor)}
        >
          <span className="wr-toolbar__glyph" aria-hidden="true">
            {tool.glyph}
          </span>
          <span className="kern-sr-only">{t(`decisions.editor.${tool.key}`)}</span>
        </button>
      ))}
    </div>
  );
}
