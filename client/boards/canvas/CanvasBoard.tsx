/**
 * The Gesamtkonzept canvas: the six components of an overall education concept, each with its
 * guiding questions (Leitfragen) and a small co-edited rich-text field.
 */
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CANVAS_SECTIONS, canvasFieldName, type CanvasSection } from '../../../shared/schema/canvas';
import { renderCaret } from '../../components/caret';
import type { PresenceUser } from '../../data/docs/presence';
import type { BoardProps } from '../types';

export default function CanvasBoard({ doc, provider, user, readOnly }: BoardProps) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  return (
    <div className="wr-canvas" data-testid="canvas-board">
      {CANVAS_SECTIONS.map((section) => (
        <CanvasSectionCard key={section.id} section={section} lang={lang} doc={doc} provider={provider} user={user} readOnly={readOnly} />
      ))}
    </div>
  );
}

interface SectionProps {
  section: CanvasSection;
  lang: 'de' | 'en';
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: PresenceUser;
  readOnly: boolean;
}

function CanvasSectionCard({ section, lang, doc, provider, user, readOnly }: SectionProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const questionsId = useId();
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false, heading: { levels: [4] }, link: { openOnClick: false } }),
        Collaboration.configure({ document: doc, field: canvasFieldName(section.id) }),
        CollaborationCaret.configure({ provider, user, render: renderCaret }),
      ],
      editable: !readOnly,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: 'wr-editor__content wr-canvas__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': titleId,
          'aria-describedby': questionsId,
          ...(readOnly ? { 'aria-readonly': 'true' } : {}),
          'data-testid': `canvas-editor-${section.id}`,
          spellcheck: 'true',
        },
      },
    },
    [doc, provider, readOnly],
  );
  const isEmpty = useEditorState({ editor, selector: ({ editor: e }) => e?.isEmpty ?? true });

  return (
    <section className="wr-canvas__section" aria-labelledby={titleId} data-testid={`canvas-section-${section.id}`}>
      <h3 id={titleId} className="kern-heading-small wr-canvas__title">
        <span className="wr-canvas__number" aria-hidden="true">
          {section.number}
        </span>
        <span className="wr-sr-only">{t('canvas.section', { number: section.number })} </span>
        {section.title[lang]}
      </h3>
      <div id={questionsId} className="wr-canvas__questions">
        <p className="wr-canvas__questions-label">{t('canvas.questions')}</p>
        <ul>
          {section.questions.map((q) => (
            <li key={q.de}>{q[lang]}</li>
          ))}
        </ul>
      </div>
      <div className={`wr-editor wr-canvas__editor${readOnly ? ' wr-editor--readonly' : ''}`}>
        <div className="wr-editor__surface">
          {isEmpty ? (
            <p className="wr-editor__placeholder" aria-hidden="true">
              {readOnly ? t('canvas.empty') : t('canvas.placeholder')}
            </p>
          ) : null}
          <EditorContent editor={editor} />
        </div>
      </div>
    </section>
  );
}
