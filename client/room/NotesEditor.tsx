import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { NOTES_FRAGMENT } from '../../shared/schema/notes';
import { cappedCarets } from '../components/caret';
import { FormatToolbar, type FormatKey } from '../components/FormatToolbar';
import { enableEditingBehaviours, richTextKit } from '../components/richTextKit';
import type { PresenceUser } from '../data/docs/presence';
import type { Collaboration as Collab } from '../data/docs/useCollaboration';

const NOTES_TOOLS = ['bold', 'italic', 'h2', 'h3', 'bulletList'] as const satisfies readonly FormatKey[];
type NotesTool = (typeof NOTES_TOOLS)[number];

interface NotesEditorProps {
  collab: Collab;
  user: PresenceUser;
  editable: boolean;
}

/** The shared notes, behind an error boundary: a failing editor leaves the room usable. */
export function NotesEditor(props: NotesEditorProps) {
  const { t } = useTranslation();
  return (
    <ErrorBoundary area={t('boundary.areas.notes')} resetKeys={[props.collab.doc.guid]}>
      <NotesEditorContent {...props} />
    </ErrorBoundary>
  );
}

function NotesEditorContent({ collab, user, editable }: NotesEditorProps) {
  const { t } = useTranslation();
  const carets = useMemo(() => cappedCarets(collab.provider, user), [collab, user]);
  const editor = useEditor(
    {
      extensions: [
        // StarterKit's schema without ProseMirror's history (Yjs brings its own undo manager; the
        // history would undo other people's text); links become links by themselves once the
        // person starts editing (see richTextKit.ts).
        ...richTextKit({ heading: { levels: [2, 3] } }),
        Collaboration.configure({ document: collab.doc, field: NOTES_FRAGMENT }),
        carets,
      ],
      editable,
      shouldRerenderOnTransaction: false,
      onFocus: ({ editor: e }) => enableEditingBehaviours(e),
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
    [collab, carets],
  );

  const isEmpty = useEditorState({ editor, selector: ({ editor: e }) => e?.isEmpty ?? true });

  return (
    <div className={`wr-editor${editable ? '' : ' wr-editor--readonly'}`}>
      {editable && editor ? (
        <FormatToolbar
          editor={editor}
          tools={NOTES_TOOLS}
          label={t('room.toolbar.label')}
          controls="notes-editor"
          nameOf={(key) => t(`room.toolbar.${key as NotesTool}`)}
        />
      ) : null}
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
