/**
 * The formatting toolbar of every rich-text editor (the notes, a draft's prose fields): the
 * WAI-ARIA toolbar pattern — one tab stop, arrow keys, Home and End move between the buttons.
 */
import { useEditorState, type Editor } from '@tiptap/react';
import { useRef, useState, type KeyboardEvent } from 'react';

export type FormatKey = 'bold' | 'italic' | 'h2' | 'h3' | 'bulletList' | 'orderedList';

interface FormatTool {
  key: FormatKey;
  glyph: string;
  isActive: (e: Editor) => boolean;
  run: (e: Editor) => void;
}

const FORMAT_TOOLS: Record<FormatKey, FormatTool> = {
  bold: { key: 'bold', glyph: 'B', isActive: (e) => e.isActive('bold'), run: (e) => e.chain().focus().toggleBold().run() },
  italic: { key: 'italic', glyph: 'I', isActive: (e) => e.isActive('italic'), run: (e) => e.chain().focus().toggleItalic().run() },
  h2: {
    key: 'h2',
    glyph: 'H2',
    isActive: (e) => e.isActive('heading', { level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  h3: {
    key: 'h3',
    glyph: 'H3',
    isActive: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  bulletList: { key: 'bulletList', glyph: '•', isActive: (e) => e.isActive('bulletList'), run: (e) => e.chain().focus().toggleBulletList().run() },
  orderedList: { key: 'orderedList', glyph: '1.', isActive: (e) => e.isActive('orderedList'), run: (e) => e.chain().focus().toggleOrderedList().run() },
};

interface FormatToolbarProps {
  editor: Editor;
  tools: readonly FormatKey[];
  /** The toolbar's accessible name. */
  label: string;
  /** The id of the editor it formats. */
  controls: string;
  /** The name of one button (tooltip and screen readers). */
  nameOf: (key: FormatKey) => string;
}

export function FormatToolbar({ editor, tools: keys, label, controls, nameOf }: FormatToolbarProps) {
  const tools = keys.map((k) => FORMAT_TOOLS[k]);
  const [focusIdx, setFocusIdx] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => tools.map((tool) => tool.isActive(e)),
    equalityFn: (a, b) => !!b && a.length === b.length && a.every((v, i) => v === b[i]),
  });

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    let next = focusIdx;
    if (e.key === 'ArrowRight') next = (focusIdx + 1) % tools.length;
    else if (e.key === 'ArrowLeft') next = (focusIdx - 1 + tools.length) % tools.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tools.length - 1;
    else return;
    e.preventDefault();
    setFocusIdx(next);
    refs.current[next]?.focus();
  }

  return (
    <div className="wr-toolbar" role="toolbar" aria-label={label} aria-controls={controls} onKeyDown={onKeyDown}>
      {tools.map((tool, i) => (
        <button
          key={tool.key}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          className={`kern-btn kern-btn--tertiary wr-toolbar__btn wr-toolbar__btn--${tool.key}`}
          aria-pressed={active[i] ?? false}
          tabIndex={i === focusIdx ? 0 : -1}
          title={nameOf(tool.key)}
          onFocus={() => setFocusIdx(i)}
          // Keep the editor's selection: a mousedown on the button would otherwise blur it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => tool.run(editor)}
        >
          <span className="wr-toolbar__glyph" aria-hidden="true">
            {tool.glyph}
          </span>
          <span className="kern-sr-only">{nameOf(tool.key)}</span>
        </button>
      ))}
    </div>
  );
}
