/**
 * The goal tree drawn for the projector: left to right (Leitbild → … → Maßnahmen), laid out with
 * d3-hierarchy's tidy tree, levels colour-coded and named, measurability on every goal. It is a
 * picture (role="img"); its text alternative is the outline, which the caption links to.
 * "Beamer-Ansicht" shows it in a modal dialog that fills the screen (and asks for full screen).
 */
import { hierarchy, tree as tidyTree } from 'd3-hierarchy';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { GOAL_LEVELS, measurability, requiresMeasurability, type GoalNode, type GoalTree } from '../../../shared/schema/goals';
import { MeasurabilitySummary } from './Measurability';
import { goalTitle } from './labels';

const NODE_W = 300;
const NODE_H = 136;
const GAP_X = 72;
const GAP_Y = 22;
const PAD = 12;

interface Datum {
  id: string;
  node: GoalNode | undefined;
  children: Datum[];
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: { node: GoalNode; x: number; y: number }[];
  links: { from: { x: number; y: number }; to: { x: number; y: number }; id: string }[];
}

/** Positions of all nodes (top-left corners) and links, in diagram units. */
export function layoutDiagram(tree: GoalTree): DiagramLayout {
  const build = (id: string): Datum => {
    const node = tree.byId.get(id);
    return { id, node, children: (node?.childIds ?? []).map(build) };
  };
  const root = hierarchy<Datum>({ id: '', node: undefined, children: tree.rootIds.map(build) }, (d) => d.children);
  tidyTree<Datum>()
    .nodeSize([NODE_H + GAP_Y, NODE_W + GAP_X])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.15))(root);
  const placed = root.descendants().filter((d) => d.depth > 0 && d.data.node);
  if (placed.length === 0) return { width: 0, height: 0, nodes: [], links: [] };
  let minY = Infinity;
  let maxY = -Infinity;
  let maxDepth = 0;
  for (const d of placed) {
    minY = Math.min(minY, d.x ?? 0);
    maxY = Math.max(maxY, d.x ?? 0);
    maxDepth = Math.max(maxDepth, d.depth);
  }
  const pos = (d: (typeof placed)[number]) => ({ x: PAD + (d.depth - 1) * (NODE_W + GAP_X), y: PAD + (d.x ?? 0) - minY });
  const nodes = placed.map((d) => ({ node: d.data.node as GoalNode, ...pos(d) }));
  const links = placed
    .filter((d) => d.parent && d.parent.depth > 0)
    .map((d) => {
      const p = pos(d.parent as (typeof placed)[number]);
      const c = pos(d);
      return { id: d.data.id, from: { x: p.x + NODE_W, y: p.y + NODE_H / 2 }, to: { x: c.x, y: c.y + NODE_H / 2 } };
    });
  return { width: PAD * 2 + maxDepth * NODE_W + (maxDepth - 1) * GAP_X, height: PAD * 2 + maxY - minY + NODE_H, nodes, links };
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

function DiagramSvg({ tree, layout, scale, labelledBy }: { tree: GoalTree; layout: DiagramLayout; scale: number; labelledBy: string }) {
  const { t } = useTranslation();
  return (
    <svg
      className="wr-diagram__svg"
      role="img"
      aria-labelledby={labelledBy}
      width={Math.round(layout.width * scale)}
      height={Math.round(layout.height * scale)}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      data-testid="goal-diagram-svg"
      data-node-count={tree.nodes.length}
    >
      <g className="wr-diagram__links">
        {layout.links.map((l) => {
          const mid = (l.from.x + l.to.x) / 2;
          return <path key={l.id} d={`M${l.from.x},${l.from.y} C${mid},${l.from.y} ${mid},${l.to.y} ${l.to.x},${l.to.y}`} />;
        })}
      </g>
      {layout.nodes.map(({ node, x, y }) => {
        const measured = requiresMeasurability(node.level);
        const gaps = measured ? measurability(node) : [];
        return (
          <g key={node.id} className={`wr-diagram__node wr-level--${node.level}`} transform={`translate(${x},${y})`} data-testid="goal-diagram-node" data-goal-id={node.id}>
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
      })}
    </svg>
  );
}

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
  tree: GoalTree;
  /** Switches to the outline (the diagram's text alternative) and focuses it. */
  onShowOutline: () => void;
}

export function GoalDiagram({ tree, onShowOutline }: GoalDiagramProps) {
  const { t } = useTranslation();
  const id = useId();
  const layout = useMemo(() => layoutDiagram(tree), [tree]);
  const frameRef = useRef<HTMLDivElement>(null);
  const size = useSize(frameRef);
  const [beamer, setBeamer] = useState(false);
  const scale = size.width > 0 && layout.width > 0 ? Math.max(0.75, Math.min(1.5, size.width / layout.width)) : 1;

  return (
    <figure className="wr-diagram" data-testid="goal-diagram" aria-labelledby={`${id}-cap`}>
      <div className="wr-diagram__bar">
        <Legend />
        <button type="button" className="kern-btn kern-btn--secondary" onClick={() => setBeamer(true)} data-testid="goal-beamer" disabled={layout.nodes.length === 0}>
          <span className="kern-icon kern-icon--open-in-new" aria-hidden="true" />
          <span className="kern-label">{t('goals.diagram.beamer')}</span>
        </button>
      </div>
      {/* Focusable so that keyboard users can scroll a diagram wider than the screen. */}
      <div className="wr-diagram__frame" ref={frameRef} tabIndex={0} role="region" aria-label={t('goals.diagram.label')}>
        {layout.nodes.length === 0 ? (
          <p className="kern-body wr-muted">{t('goals.diagram.empty')}</p>
        ) : beamer ? null : (
          <DiagramSvg tree={tree} layout={layout} scale={scale} labelledBy={`${id}-svgtitle`} />
        )}
      </div>
      <figcaption id={`${id}-cap`} className="kern-body kern-body--small wr-diagram__caption">
        <span id={`${id}-svgtitle`}>
          {t('goals.diagram.label')}. {t('goals.diagram.textAlternative')}
        </span>{' '}
        <button type="button" className="kern-link wr-linkbutton" onClick={onShowOutline} data-testid="goal-diagram-to-outline">
          {t('goals.diagram.toOutline')}
        </button>
      </figcaption>
      {beamer ? <BeamerDialog tree={tree} layout={layout} onClose={() => setBeamer(false)} /> : null}
    </figure>
  );
}

/** The diagram alone, as large as the screen allows. A native modal dialog keeps focus inside and closes with Esc. */
function BeamerDialog({ tree, layout, onClose }: { tree: GoalTree; layout: DiagramLayout; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const size = useSize(stageRef);
  const scale = size.width > 0 ? Math.min(size.width / layout.width, size.height / layout.height, 2.5) : 1;

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
        <MeasurabilitySummary tree={tree} compact />
        <button type="button" className="kern-btn kern-btn--primary" onClick={onClose} data-testid="goal-beamer-exit" autoFocus>
          <span className="kern-icon kern-icon--close" aria-hidden="true" />
          <span className="kern-label">{t('goals.diagram.beamerExit')}</span>
        </button>
      </div>
      <div className="wr-beamer-diagram__stage" ref={stageRef}>
        <DiagramSvg tree={tree} layout={layout} scale={scale} labelledBy={`${id}-h`} />
      </div>
      <Legend />
    </dialog>
  );
}
