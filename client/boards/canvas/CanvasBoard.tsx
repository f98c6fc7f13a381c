/**
 * The Gesamtkonzept canvas: the six components of an overall education concept, each with its
 * guiding questions (Leitfragen) and a small co-edited rich-text field.
 *
 * Each section is its own memo'd component with its own editor; typing renders nothing outside
 * the editor typed in, and other people's carets are passed only to the section they are in
 * (CanvasCarets, client/data/boards/canvas.ts). The search shows the sections whose answer or
 * guiding questions hold the text; the others are hidden, not unmounted (their editors stay).
 */
import Collaboration from '@tiptap/extension-collaboration';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { CANVAS_SECTIONS, canvasFieldName, type CanvasSection } from '../../../shared/schema/canvas';
import { CanvasCarets, CanvasModel, EMPTY_CANVAS_FILTER, isCanvasFilterActive, type CanvasFilter, type CanvasMatch, type SectionAwareness } from '../../data/boards/canvas';
import { useDocModel } from '../../data/boards/hooks';
import { useEditingPresence, useEditors, usePresenceStore, type PresenceStore, type PresenceUser } from '../../data/docs/presence';
import { cappedCarets } from '../../components/caret';
import { FilterToolbar } from '../common/FilterToolbar';
import type { BoardProps } from '../types';

/** The caret hub of the board's awareness, for as long as the board is mounted. */
function useCanvasCarets(awareness: Awareness, doc: Y.Doc): CanvasCarets | undefined {
  const [carets, setCarets] = useState<CanvasCarets | undefined>();
  useEffect(() => {
    const next = new CanvasCarets(awareness, doc);
    setCarets(next);
    return () => {
      next.destroy();
      setCarets(undefined);
    };
  }, [awareness, doc]);
  return carets && carets.awareness === awareness && carets.doc === doc ? carets : undefined;
}

/** The model's content version while `active`: the search reads the answers. */
function useContentVersion(model: CanvasModel | undefined, active: boolean): number {
  const subscribe = useCallback((cb: () => void) => (model && active ? model.subscribeContent(cb) : () => {}), [model, active]);
  const get = useCallback(() => (model && active ? model.contentVersion : 0), [model, active]);
  return useSyncExternalStore(subscribe, get, get);
}

export default function CanvasBoard({ doc, provider, user, readOnly, join, announce }: BoardProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'de';
  const model = useDocModel(doc, (d) => new CanvasModel(d));
  const carets = useCanvasCarets(provider.awareness, doc);
  const presence = usePresenceStore(provider.awareness, join.participantId);
  const [filter, setFilter] = useState<CanvasFilter>(EMPTY_CANVAS_FILTER);
  const active = isCanvasFilterActive(filter);
  const contentVersion = useContentVersion(model, filter.text.trim() !== '');
  const structure = useMemo(() => {
    void contentVersion;
    return model?.structure(filter, lang);
  }, [model, filter, lang, contentVersion]);
  const latest = useRef(filter);
  useEffect(() => {
    latest.current = filter;
  });
  const onText = useCallback((text: string) => setFilter({ ...latest.current, text }), []);

  // Others see which section someone is writing in.
  const { onFocusCapture, onBlurCapture } = useEditingPresence(provider.awareness, user, 'data-section-id');

  if (!model || !carets || !structure) return <div className="wr-canvas" data-testid="canvas-board" aria-busy="true" />;

  const matches = new Map<string, CanvasMatch>(structure.shown.map((m) => [m.id, m]));
  const needle = filter.text.trim() !== '';
  return (
    <div className="wr-canvas-board" onFocusCapture={onFocusCapture} onBlurCapture={onBlurCapture}>
      <FilterToolbar
        testIdPrefix="canvas"
        labels={{
          legend: t('canvas.filter.legend'),
          text: t('canvas.filter.text'),
          textPlaceholder: t('canvas.filter.textPlaceholder'),
          more: t('canvas.filter.more'),
          reset: t('canvas.filter.reset'),
          noMatch: t('canvas.filter.noMatch'),
        }}
        text={filter.text}
        onText={onText}
        selects={[
          {
            key: 'section',
            label: t('canvas.filter.section'),
            value: filter.section,
            onChange: (section) => setFilter({ ...filter, section }),
            options: [['', t('canvas.filter.anySection')], ...CANVAS_SECTIONS.map((s): [string, string] => [s.id, `${s.number} ${s.title[lang]}`])],
            testId: 'canvas-filter-section',
          },
        ]}
        narrowed={filter.section !== ''}
        active={active}
        onReset={() => setFilter(EMPTY_CANVAS_FILTER)}
        summary={active ? t('canvas.filter.summary', { shown: structure.shown.length, count: structure.total }) : t('canvas.filter.all', { count: structure.total })}
        shown={structure.shown.length}
        announce={announce}
      />
      <div className="wr-canvas" data-testid="canvas-board">
        {CANVAS_SECTIONS.map((section) => {
          const match = matches.get(section.id);
          return (
            <CanvasSectionCard
              key={section.id}
              section={section}
              lang={lang}
              doc={doc}
              awareness={carets.section(section.id)}
              user={user}
              readOnly={readOnly}
              hidden={!match}
              found={needle && match ? (match.inAnswer ? 'answer' : 'template') : null}
              presence={presence}
            />
          );
        })}
      </div>
    </div>
  );
}

interface SectionProps {
  section: CanvasSection;
  lang: 'de' | 'en';
  doc: Y.Doc;
  /** This section's view of the awareness: carets of people writing here. */
  awareness: SectionAwareness;
  user: PresenceUser;
  readOnly: boolean;
  /** Filtered out: hidden, with its editor kept. */
  hidden: boolean;
  /** Where the search text was found. */
  found: 'answer' | 'template' | null;
  presence: PresenceStore | undefined;
}

const CanvasSectionCard = memo(function CanvasSectionCard({ section, lang, doc, awareness, user, readOnly, hidden, found, presence }: SectionProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const questionsId = useId();
  const editors = useEditors(presence, section.id);
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({ undoRedo: false, heading: { levels: [4] }, link: { openOnClick: false } }),
        Collaboration.configure({ document: doc, field: canvasFieldName(section.id) }),
        // The caret extension only needs the provider's awareness; it gets this section's, and
        // the cap on carets drawn holds for the whole board.
        cappedCarets({ awareness }, user, awareness.whole),
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
    [doc, awareness, readOnly],
  );
  const isEmpty = useEditorState({ editor, selector: ({ editor: e }) => e?.isEmpty ?? true });

  return (
    <section
      className={`wr-canvas__section${found ? ' wr-canvas__section--found' : ''}`}
      aria-labelledby={titleId}
      data-testid={`canvas-section-${section.id}`}
      data-section-id={section.id}
      data-found={found ?? undefined}
      hidden={hidden}
    >
      <h3 id={titleId} className="kern-heading-small wr-canvas__title">
        <span className="wr-canvas__number" aria-hidden="true">
          {section.number}
        </span>
        <span className="wr-sr-only">{t('canvas.section', { number: section.number })} </span>
        {section.title[lang]}
      </h3>
      {found || editors.length > 0 ? (
        <p className="wr-canvas__status">
          {found ? (
            <span className="kern-badge kern-badge--info kern-badge--small" data-testid="canvas-found">
              <span className="kern-label kern-label--small">{found === 'answer' ? t('canvas.filter.foundAnswer') : t('canvas.filter.foundQuestions')}</span>
            </span>
          ) : null}
          {editors.length > 0 ? (
            <span className="wr-canvas__editing" data-testid="canvas-editing">
              <span className="kern-icon kern-icon--edit" aria-hidden="true" />
              {t('canvas.editingBy', { names: editors.slice(0, 2).join(', '), count: editors.length })}
            </span>
          ) : null}
        </p>
      ) : null}
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
});
