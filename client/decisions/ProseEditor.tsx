/**
 * A prose field of a draft (Sachverhalt, Beschlussvorschlag, Begründung): Tiptap bound to the
 * draft's `Y.XmlFragment` in the `decisions` document, with remote carets as in the notes.
 */
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { ProseField } from '../../shared/decision';
import { proseFieldName } from '../../shared/schema/decisions';
import { FormatToolbar, type FormatKey } from '../components/FormatToolbar';
import { renderCaret } from '../components/caret';
import type { PresenceUser } from '../data/docs/presence';

const PROSE_TOOLS = ['bold', 'italic', 'bulletList', 'orderedList'] as const satisfies readonly FormatKey[];
type ProseTool = (typeof PROSE_TOOLS)[number];

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
      {editable && editor ? (
        <FormatToolbar
          editor={editor}
          tools={PROSE_TOOLS}
          controls={editorId}
          label={t('decisions.editor.toolbar', { field: t(`decisions.fields.${field}`) })}
          nameOf={(key) => t(`decisions.editor.${key as ProseTool}`)}
        />
      ) : null}
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
