/**
 * The search and filter bar of a board of hundreds of items: a search field first (applied after
 * a short pause, or at once with Enter), further filters behind one toggle, the count of what is
 * shown ("12 von 200 Themen"), a reset, and — once the filter settles, if the focus is still in the
 * bar — the result said to screen readers. Each board passes its own labels, choices and test id prefix.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface FilterSelect {
  /** Unique within the toolbar (part of the element id). */
  key: string;
  label: string;
  value: string;
  /** [value, label] pairs; the first one usually means "any". */
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
  testId: string;
}

export interface FilterToolbarLabels {
  /** Accessible name of the search form. */
  legend: string;
  text: string;
  textPlaceholder: string;
  /** Label of the toggle that shows the further filters. */
  more: string;
  reset: string;
  noMatch: string;
}

interface FilterToolbarProps {
  /** Test ids are `<prefix>-toolbar`, `<prefix>-filter-text`, `-filter-more`, `-filter-summary`, `-filter-reset`, `-filter-empty`. */
  testIdPrefix: string;
  labels: FilterToolbarLabels;
  /** The search text currently applied. */
  text: string;
  onText: (text: string) => void;
  selects?: readonly FilterSelect[];
  /** Whether one of the selects narrows the board (their row then stays open). */
  narrowed: boolean;
  /** Whether anything filters. */
  active: boolean;
  onReset: () => void;
  /** The count line, e.g. "12 von 200 Themen" or "200 Themen". */
  summary: string;
  shown: number;
  announce: (message: string) => void;
  /** More tools below the filter (e.g. merging duplicates). */
  children?: ReactNode;
}

/** Pause after the last keystroke before the search applies. */
const TYPING_PAUSE_MS = 150;
/** Pause before the result is said, so a screen reader hears it once per search. */
const ANNOUNCE_PAUSE_MS = 600;

export function FilterToolbar({ testIdPrefix, labels, text, onText, selects = [], narrowed, active, onReset, summary, shown, announce, children }: FilterToolbarProps) {
  const base = useId();
  const [draft, setDraft] = useState(text);
  const [more, setMore] = useState(narrowed);
  const sent = useRef(text);
  const onTextRef = useRef(onText);
  useEffect(() => {
    onTextRef.current = onText;
  });

  // Typing in the search field filters after a short pause, not on every keystroke.
  useEffect(() => {
    if (draft === sent.current) return;
    const id = setTimeout(() => {
      sent.current = draft;
      onTextRef.current(draft);
    }, TYPING_PAUSE_MS);
    return () => clearTimeout(id);
  }, [draft]);
  // A text set from outside (reset) replaces the draft.
  useEffect(() => {
    if (text === sent.current) return;
    sent.current = text;
    setDraft(text);
  }, [text]);

  // The result is said once the filter settles — if the focus is still in the bar: a person who
  // has moved on (e.g. to move a topic found) would have it cut into what they do next.
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!active) return;
    const id = setTimeout(() => {
      if (root.current?.contains(document.activeElement)) announce(shown === 0 ? labels.noMatch : summary);
    }, ANNOUNCE_PAUSE_MS);
    return () => clearTimeout(id);
  }, [active, shown, summary, labels.noMatch, announce]);

  const open = more || narrowed;
  const p = testIdPrefix;
  return (
    <div className="wr-filter" data-testid={`${p}-toolbar`} ref={root}>
      <form className="wr-filter__form" role="search" aria-label={labels.legend} onSubmit={(e) => e.preventDefault()}>
        <div className="kern-form-input wr-filter__field wr-filter__field--text">
          <label className="kern-label" htmlFor={`${base}-text`}>
            {labels.text}
          </label>
          <input
            id={`${base}-text`}
            className="kern-form-input__input"
            type="search"
            value={draft}
            placeholder={labels.textPlaceholder}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              sent.current = draft;
              onText(draft);
            }}
            autoComplete="off"
            data-testid={`${p}-filter-text`}
          />
        </div>
        {selects.length > 0 ? (
          <button
            type="button"
            className="kern-btn kern-btn--tertiary kern-btn--x-small wr-filter__toggle"
            aria-expanded={open}
            aria-controls={`${base}-more`}
            onClick={() => setMore((m) => !m)}
            data-testid={`${p}-filter-more`}
          >
            <span className="kern-icon kern-icon--dehaze" aria-hidden="true" />
            <span className="kern-label">{labels.more}</span>
          </button>
        ) : null}
        <p className="wr-filter__summary" data-testid={`${p}-filter-summary`}>
          {summary}
        </p>
        {active ? (
          <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={onReset} data-testid={`${p}-filter-reset`}>
            <span className="kern-icon kern-icon--close" aria-hidden="true" />
            <span className="kern-label">{labels.reset}</span>
          </button>
        ) : null}
        {selects.length > 0 ? (
          <div className="wr-filter__more" id={`${base}-more`} hidden={!open}>
            {selects.map((s) => (
              <div key={s.key} className="kern-form-input wr-filter__field">
                <label className="kern-label" htmlFor={`${base}-${s.key}`}>
                  {s.label}
                </label>
                <div className="kern-form-input__select-wrapper">
                  <select id={`${base}-${s.key}`} className="kern-form-input__select" value={s.value} onChange={(e) => s.onChange(e.target.value)} data-testid={s.testId}>
                    {s.options.map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            ))}
          </div>
        ) : null}
      </form>
      {active && shown === 0 ? (
        <p className="wr-muted" data-testid={`${p}-filter-empty`}>
          {labels.noMatch}
        </p>
      ) : null}
      {children}
    </div>
  );
}
