/**
 * The goal tree drawn for the projector: left to right (Leitbild → … → Maßnahmen), laid out with
 * d3-hierarchy's tidy tree, levels colour-coded and named, measurability on every goal. It is a
 * picture (role="img"); its text alternative is the outline, which the caption links to.
 * "Beamer-Ansicht" shows it in a modal dialog that fills the screen (and asks for full screen).
 *
 * Bounded, whatever the document holds:
 * - The layout is computed only when the structure (or the filter's set of nodes) changed; a
 *   node's box subscribes to its node, so typing into a goal redraws that box alone.
 * - d3-hierarchy (v3) walks its trees with loops, not recursion; it is fed a tree cut at
 *   GOAL_DISPLAY_DEPTH levels, where one note box stands for everything deeper ("+ 5.988 weitere
 *   Ziele in tieferen Ebenen – in der Gliederung"). So a chain of thousands of levels is drawn
 *   as a dozen columns.
 * - Above DIAGRAM_WINDOW_THRESHOLD boxes the frame scrolls and only what lies in the visible
 *   part (plus a margin) is drawn, in tiles of TILE diagram units: scrolling redraws when a new
 *   tile comes into view, not on every pixel. The SVG keeps the size of the whole diagram, so
 *   the scroll bars tell how large it is. Small trees are drawn whole, exactly as before.
 */
import { hierarchy, tree as tidyTree } from 'd3-hierarchy';
import { memo, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { GOAL_LEVELS, measurability, requiresMeasurability } from '../../../shared/schema/goals';
import { useItem } from '../../data/boards/hooks';
import { boundedTree, type BoundedNode, type GoalsModel, type GoalStructure } from '../../data/boards/goals';
import { MeasurabilityCounter } from './Measurability';
import { goalTitle } from './labels';
import type { GoalsEnv } from './useGoals';

const NODE_W = 300;
const NODE_H = 136;
const GAP_X = 72;
const GAP_Y = 22;
const PAD = 12;
/** From this many boxes on, only the visible part of the diagram is drawn. */
export const DIAGRAM_WINDOW_THRESHOLD = 120;
/** Height and width of a drawing tile, in diagram units. */
const TILE = 800;

export interface DiagramBox {
  readonly id: string;
  readonly kind: 'goal' | 'deeper';
  readonly x: number;
  readonly y: number;
  /** For 'deeper': how many nodes it stands for. */
  readonly count: number;
}

/** All links from one parent to its children, as one path. */
export interface DiagramFan {
  readonly id: string;
  readonly d: string;
  readonly minY: number;
  readonly maxY: number;
  readonly minX: number;
  readonly maxX: number;
}

export interface DiagramLayout {
  readonly width: number;
  readonly height: number;
  readonly boxes: readonly DiagramBox[];
  readonly fans: readonly DiagramFan[];
  /** Goal boxes (without the notes for deeper levels). */
  readonly goals: number;
}

const EMPTY_LAYOUT: DiagramLayout = { width: 0, height: 0, boxes: [], fans: [], goals: 0 };

/** Positions of all boxes (top-left corners) and the links, in diagram units. */
export function layoutDiagram(roots: readonly BoundedNode[]): DiagramLayout {
  if (roots.length === 0) return EMPTY_LAYOUT;
  const root = hierarchy<BoundedNode | null>(null, (d) => (d === null ? roots : d.children));
  tidyTree<BoundedNode | null>()
    .nodeSize([NODE_H + GAP_Y, NODE_W + GAP_X])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.15))(root);
  let minY = Infinity;
  let maxY = -Infinity;
  let maxDepth = 0;
  const placed = root.descendants().filter((d) => d.depth > 0);
  for (const d of placed) {
    minY = Math.min(minY, d.x ?? 0);
    maxY = Math.max(maxY, d.x ?? 0);
    maxDepth = Math.max(maxDepth, d.depth);
  }
  const pos = (d: { depth: number; x?: number }) => ({ x: PAD + (d.depth - 1) * (NODE_W + GAP_X), y: PAD + (d.x ?? 0) - minY });
  const boxes: DiagramBox[] = [];
  const fans: DiagramFan[] = [];
  let goals = 0;
  for (const d of placed) {
    const data = d.data as BoundedNode;
    const p = pos(d);
    boxes.push({ id: data.id, kind: data.kind, x: p.x, y: p.y, count: data.kind === 'deeper' ? data.count : 0 });
    if (data.kind === 'goal') goals++;
    if (!d.children || d.children.length === 0) continue;
    const from = { x: p.x + NODE_W, y: p.y + NODE_H / 2 };
    let fanMinY = from.y;
    let fanMaxY = from.y;
    const parts: string[] = [];
    for (const c of d.children) {
      const to = pos(c);
      const ty = to.y + NODE_H / 2;
      const mid = (from.x + to.x) / 2;
      parts.push(`M${from.x},${from.y} C${mid},${from.y} ${mid},${ty} ${to.x},${ty}`);
      fanMinY = Math.min(fanMinY, ty);
      fanMaxY = Math.max(fanMaxY, ty);
    }
    fans.push({ id: data.id, d: parts.join(' '), minY: fanMinY, maxY: fanMaxY, minX: from.x, maxX: from.x + GAP_X });
  }
  return { width: PAD * 2 + maxDepth * NODE_W + (maxDepth - 1) * GAP_X, height: PAD * 2 + maxY - minY + NODE_H, boxes, fans, goals };
}

function useSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

interface Tiles {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * The tiles of the diagram that are visible in `container` (and the window), plus one tile
 * around; updated on scroll and resize, at most once per frame, and only when the set of tiles
 * changed. Null while everything is drawn.
 */
function useVisibleTiles(container: RefObject<HTMLElement | null>, svg: RefObject<SVGSVGElement | null>, scale: number, enabled: boolean): Tiles | null {
  const [tiles, setTiles] = useState<Tiles | null>(null);
  useLayoutEffect(() => {
    if (!enabled) {
      setTiles(null);
      return;
    }
    let frame = 0;
    const update = () => {
      frame = 0;
      const box = container.current?.getBoundingClientRect();
      const picture = svg.current?.getBoundingClientRect();
      if (!box || !picture) return;
      const top = Math.max(box.top, 0);
      const bottom = Math.min(box.bottom, window.innerHeight);
      const left = Math.max(box.left, 0);
      const right = Math.min(box.right, window.innerWidth);
      const next: Tiles = {
        x0: Math.floor((left - picture.left) / scale / TILE) - 1,
        x1: Math.floor((right - picture.left) / scale / TILE) + 1,
        y0: Math.floor((top - picture.top) / scale / TILE) - 1,
        y1: Math.floor((bottom - picture.top) / scale / TILE) + 1,
      };
      setTiles((prev) => (prev && prev.x0 === next.x0 && prev.x1 === next.x1 && prev.y0 === next.y0 && prev.y1 === next.y1 ? prev : next));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener('scroll', schedule, true);
    window.addEventListener('resize', schedule);
    const ro = container.current ? new ResizeObserver(schedule) : undefined;
    if (container.current) ro?.observe(container.current);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', schedule, true);
      window.removeEventListener('resize', schedule);
      ro?.disconnect();
    };
  }, [container, svg, scale, enabled]);
  return enabled ? tiles : null;
}

function inTiles(tiles: Tiles | null, x0: number, x1: number, y0: number, y1: number): boolean {
  if (!tiles) return true;
  return x1 >= tiles.x0 * TILE && x0 <= (tiles.x1 + 1) * TILE && y1 >= tiles.y0 * TILE && y0 <= (tiles.y1 + 1) * TILE;
}

interface DiagramSvgProps {
  model: GoalsModel;
  layout: DiagramLayout;
  scale: number;
  labelledBy: string;
  /** The scrolling element around the picture, when only its visible part is drawn. */
  scroller: RefObject<HTMLElement | null>;
  windowed: boolean;
}

function DiagramSvg({ model, layout, scale, labelledBy, scroller, windowed }: DiagramSvgProps) {
  const { t } = useTranslation();
  const svgRef = useRef<SVGSVGElement>(null);
  const tiles = useVisibleTiles(scroller, svgRef, scale, windowed);
  const boxes = useMemo(() => layout.boxes.filter((b) => inTiles(tiles, b.x, b.x + NODE_W, b.y, b.y + NODE_H)), [layout, tiles]);
  const fans = useMemo(() => layout.fans.filter((f) => inTiles(tiles, f.minX, f.maxX, f.minY, f.maxY)), [layout, tiles]);
  return (
    <svg
      ref={svgRef}
      className="wr-diagram__svg"
      role="img"
      aria-labelledby={labelledBy}
      width={Math.round(layout.width * scale)}
      height={Math.round(layout.height * scale)}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      data-testid="goal-diagram-svg"
      data-node-count={layout.goals}
      data-drawn={boxes.length}
    >
      <g className="wr-diagram__links">
        {fans.map((f) => (
          <path key={f.id} d={f.d} />
        ))}
      </g>
      {boxes.map((b) => (b.kind === 'goal' ? <DiagramNode key={b.id} id={b.id} x={b.x} y={b.y} model={model} t={t} /> : <DeeperNote key={b.id} box={b} />))}
    </svg>
  );
}

/** One goal's box; re-renders when its node changed, not when another did. */
const DiagramNode = memo(function DiagramNode({ id, x, y, model, t }: { id: string; x: number; y: number; model: GoalsModel; t: TFunction }) {
  const node = useItem(model.items, id);
  if (!node) return null;
  const measured = requiresMeasurability(node.level);
  const gaps = measured ? measurability(node) : [];
  return (
    <g className={`wr-diagram__node wr-level--${node.level}`} transform={`translate(${x},${y})`} data-testid="goal-diagram-node" data-goal-id={id}>
      <rect className="wr-diagram__box" width={NODE_W} height={NODE_H} rx={6} />
      <rect className="wr-diagram__stripe" width={8} height={NODE_H} rx={3} />
      <foreignObject x={16} y={8} width={NODE_W - 26} height={NODE_H - 14}>
        <div className="wr-diagram__content">
          <div className="wr-diagram__level">{t(`goals.levels.${node.level}`)}</div>
          <div className={`wr-diagram__title${node.title.trim() === '' ? ' wr-diagram__title--empty' : ''}`}>{goalTitle(t, node)}</div>
          {measured ? (
            gaps.length === 0 ? (
              <div className="wr-diagram__measure wr-diagram__measure--ok">✓ {t('goals.measurable.ok')}</div>
            ) : (
              <div className="wr-diagram__measure wr-diagram__measure--gaps">
                ⚠ {t('goals.diagram.missing', { gaps: gaps.map((g) => t(`goals.diagram.gapsShort.${g}`)).join(', ') })}
              </div>
            )
          ) : null}
        </div>
      </foreignObject>
    </g>
  );
});

/** Stands for everything below the last drawn level. */
const DeeperNote = memo(function DeeperNote({ box }: { box: DiagramBox }) {
  const { t } = useTranslation();
  return (
    <g className="wr-diagram__node wr-diagram__deeper" transform={`translate(${box.x},${box.y})`} data-testid="goal-diagram-deeper" data-count={box.count}>
      <rect className="wr-diagram__box wr-diagram__box--deeper" width={NODE_W} height={NODE_H} rx={6} />
      <foreignObject x={12} y={8} width={NODE_W - 22} height={NODE_H - 14}>
        <div className="wr-diagram__content">
          <div className="wr-diagram__title">{t('goals.depth.deeper', { count: box.count })}</div>
          <div className="wr-diagram__measure">{t('goals.depth.deeperHint')}</div>
        </div>
      </foreignObject>
    </g>
  );
});

function Legend() {
  const { t } = useTranslation();
  return (
    <ul className="wr-diagram__legend" aria-label={t('goals.diagram.legend')}>
      {GOAL_LEVELS.map((l) => (
        <li key={l} className={`wr-level--${l}`}>
          <span className="wr-diagram__swatch" aria-hidden="true" />
          {t(`goals.levelsPlural.${l}`)}
        </li>
      ))}
    </ul>
  );
}

interface GoalDiagramProps {
  env: GoalsEnv;
  structure: GoalStructure;
  /** The nodes a filter leaves (null: all). */
  shown: ReadonlySet<string> | null;
  /** Switches to the outline (the diagram's text alternative) and focuses it. */
  onShowOutline: () => void;
}

export function GoalDiagram({ env, structure, shown, onShowOutline }: GoalDiagramProps) {
  const { t } = useTranslation();
  const id = useId();
  const layout = useMemo(() => layoutDiagram(boundedTree(structure, shown)), [structure, shown]);
  const frameRef = useRef<HTMLDivElement>(null);
  const size = useSize(frameRef);
  const [beamer, setBeamer] = useState(false);
  const windowed = layout.boxes.length >= DIAGRAM_WINDOW_THRESHOLD;
  const scale = size.width > 0 && layout.width > 0 ? Math.max(0.75, Math.min(1.5, size.width / layout.width)) : 1;

  return (
    <figure className="wr-diagram" data-testid="goal-diagram" aria-labelledby={`${id}-cap`}>
      <div className="wr-diagram__bar">
        <Legend />
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setBeamer(true)} data-testid="goal-beamer" disabled={layout.boxes.length === 0}>
          <span className="kern-icon kern-icon--open-in-new" aria-hidden="true" />
          <span className="kern-label">{t('goals.diagram.beamer')}</span>
        </button>
      </div>
      {/* Focusable so that keyboard users can scroll a diagram wider than the screen. */}
      <div className={`wr-diagram__frame${windowed ? ' wr-diagram__frame--windowed' : ''}`} ref={frameRef} tabIndex={0} role="region" aria-label={t('goals.diagram.label')}>
        {layout.boxes.length === 0 ? (
          <p className="kern-body wr-muted">{shown ? t('goals.filter.noMatch') : t('goals.diagram.empty')}</p>
        ) : beamer ? null : (
          <DiagramSvg model={env.model} layout={layout} scale={scale} labelledBy={`${id}-svgtitle`} scroller={frameRef} windowed={windowed} />
        )}
      </div>
      <figcaption id={`${id}-cap`} className="kern-body kern-body--small wr-diagram__caption">
        <span id={`${id}-svgtitle`}>
          {t('goals.diagram.label')}. {t('goals.diagram.textAlternative')}
        </span>{' '}
        {windowed ? <span>{t('goals.diagram.windowed')} </span> : null}
        <button type="button" className="kern-link wr-linkbutton" onClick={onShowOutline} data-testid="goal-diagram-to-outline">
          {t('goals.diagram.toOutline')}
        </button>
      </figcaption>
      {beamer ? <BeamerDialog model={env.model} layout={layout} windowed={windowed} onClose={() => setBeamer(false)} /> : null}
    </figure>
  );
}

/** The diagram alone, as large as the screen allows. A native modal dialog keeps focus inside and closes with Esc. */
function BeamerDialog({ model, layout, windowed, onClose }: { model: GoalsModel; layout: DiagramLayout; windowed: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const size = useSize(stageRef);
  // A large tree fills the width and scrolls down; a small one fits the screen.
  const fit = windowed ? size.width / layout.width : Math.min(size.width / layout.width, size.height / layout.height);
  const scale = size.width > 0 ? Math.min(fit, 2.5) : 1;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // Full screen hides the browser's own bars on the projector; refused without a user gesture or in some kiosks.
    document.documentElement.requestFullscreen?.().catch(() => {});
    return () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="wr-beamer-diagram"
      aria-labelledby={`${id}-h`}
      data-testid="goal-diagram-beamer"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="wr-beamer-diagram__bar">
        <h2 id={`${id}-h`} className="kern-heading-medium wr-beamer-diagram__title">
          {t('goals.title')}
        </h2>
        <MeasurabilityCounter model={model} compact />
        <button type="button" className="kern-btn kern-btn--primary" onClick={onClose} data-testid="goal-beamer-exit" autoFocus>
          <span className="kern-icon kern-icon--close" aria-hidden="true" />
          <span className="kern-label">{t('goals.diagram.beamerExit')}</span>
        </button>
      </div>
      <div className={`wr-beamer-diagram__stage${windowed ? ' wr-beamer-diagram__stage--scroll' : ''}`} ref={stageRef} tabIndex={windowed ? 0 : undefined}>
        <DiagramSvg model={model} layout={layout} scale={scale} labelledBy={`${id}-h`} scroller={stageRef} windowed={windowed} />
      </div>
      <Legend />
    </dialog>
  );
}
