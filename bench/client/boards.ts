/**
 * What the client benchmark knows about each board: how it is seeded (through the `shared/schema`
 * write helpers, as a participant's client would write it), where the browser opens it, when the
 * page counts as showing it, which item is typed into and which one another person edits, and
 * what a burst of other people's edits does.
 *
 * The page side relies only on these `data-testid`s / attributes of the client (documented in
 * bench/README.md, so a rewritten board keeps them):
 *   SWOT        [data-testid^="swot-quadrant-"] with the count in its header (.wr-count, or the
 *               first number of the heading), cards [data-testid="swot-card"][data-card-id]
 *   priorities  [data-testid="priority-item"][data-topic-id]
 *   goals       [data-testid="goal-node"][data-goal-id] (outline view)
 *   notes       [data-testid="notes-editor"] (the ProseMirror element; its children are blocks)
 */
import * as Y from 'yjs';
import { appendToXmlFragment, type RichBlock, type RichDoc, type RichInline } from '../../shared/richText';
import { addGoal, addIndicator, editGoalText, moveGoal, type GoalLevel, ZIELFELDER } from '../../shared/schema/goals';
import type { WriteContext } from '../../shared/schema/items';
import { getNotesFragment } from '../../shared/schema/notes';
import { addPriorityActor, addPriorityTopic, editPriorityText, movePriorityTopic, MUNICIPAL_ROLES } from '../../shared/schema/priorities';
import {
  addSwotCard,
  addSwotCluster,
  ASSESSMENT_LEVELS,
  CARD_COLORS,
  editSwotCardText,
  moveSwotCard,
  SWOT_QUADRANTS,
  type SwotQuadrant,
} from '../../shared/schema/swot';
import { cardText, evidence, int, pick, type Rng, sentence, title } from './text';

export type BoardKind = 'swot' | 'priorities' | 'goals' | 'notes';

/** What the page waits for before a board counts as open (evaluated in the page, see inpage.js). */
export interface OpenSpec {
  itemSelector: string;
  minItems: number;
  firstText?: string;
  countSelector?: string;
  countInner?: string;
  countSum?: number;
}

/** What seeding produced, as far as measuring needs it (serializable). */
export interface Seeded {
  kind: BoardKind;
  /** Items (cards, topics, nodes) or, for the notes, top-level blocks. */
  n: number;
  /** Pages of notes (notes only). */
  pages?: number;
  open: OpenSpec;
  /** The item typed into (an id, or a block index for the notes). */
  typing: Target;
  /** The item another person edits while remote → visible is measured. */
  remote: Target;
  /** Items the burst may edit and move (everything but the two targets). */
  ids: string[];
  /** Text of the remote target before the measured edits. */
  remoteBase: string;
}

export interface Target {
  /** CSS selector of the item element in the page. */
  selector: string;
  /** Item id (boards) or block index (notes). */
  id: string;
}

export const AUTHORS = ['Anna Schulamt', 'Bernd Jugendhilfe', 'Carla Volkshochschule', 'Deniz Kita-Fachberatung', 'Elif Jobcenter', 'Frank Schulleitung', 'Greta Elternbeirat', 'Hakan Kammer'];

export function writers(origin: unknown): WriteContext[] {
  return AUTHORS.map((displayName, i) => ({ origin, author: { participantId: `bench-author-${i}`, displayName } }));
}

/** Runs `fn` over `count` items in transactions of `batch` items (one update frame each). */
function batched(doc: Y.Doc, count: number, batch: number, fn: (i: number) => void): void {
  for (let start = 0; start < count; start += batch) {
    doc.transact(() => {
      for (let i = start; i < Math.min(count, start + batch); i++) fn(i);
    });
  }
}

const PROTECTED_PER_QUADRANT = 5;
const CLUSTER_TITLES = ['Ganztag', 'Übergänge', 'Fachkräfte', 'Daten und Monitoring', 'Beteiligung', 'Finanzierung'];

// ---------------------------------------------------------------------------------------------
// SWOT

export function seedSwot(doc: Y.Doc, n: number, r: Rng, ctxs: WriteContext[]): Seeded {
  const byQuadrant = new Map<SwotQuadrant, string[]>(SWOT_QUADRANTS.map((q) => [q, []]));
  const clusters = new Map<SwotQuadrant, string[]>(SWOT_QUADRANTS.map((q) => [q, []]));
  if (n >= 40) {
    doc.transact(() => {
      for (const q of SWOT_QUADRANTS) for (let k = 0; k < 2; k++) clusters.get(q)!.push(addSwotCluster(doc, ctxs[k]!, q, pick(r, CLUSTER_TITLES)));
    });
  }
  batched(doc, n, 50, (i) => {
    // Spread over the quadrants (round robin, so each holds about n/4 and the first ones are loose).
    const quadrant = SWOT_QUADRANTS[i % 4]!;
    const list = byQuadrant.get(quadrant)!;
    const plain = list.length < PROTECTED_PER_QUADRANT;
    const qClusters = clusters.get(quadrant)!;
    const external = quadrant === 'chancen' || quadrant === 'risiken';
    const id = addSwotCard(doc, ctxs[i % ctxs.length]!, {
      quadrant,
      text: cardText(r, 40, 200),
      color: pick(r, CARD_COLORS),
      clusterId: !plain && qClusters.length > 0 && r() < 0.2 ? pick(r, qClusters) : null,
      evidence: !plain && r() < 0.15 ? evidence(r) : null,
      assessment:
        !plain && external && r() < 0.3
          ? { probability: pick(r, ASSESSMENT_LEVELS), impact: pick(r, ASSESSMENT_LEVELS), timing: pick(r, ['short', 'medium', 'long'] as const) }
          : null,
    });
    list.push(id);
  });
  const staerken = byQuadrant.get('staerken')!;
  const typing = staerken[0]!;
  const remote = staerken[1] ?? staerken[0]!;
  const all = [...byQuadrant.values()].flat();
  return {
    kind: 'swot',
    n,
    open: {
      itemSelector: '[data-testid="swot-card"]',
      minItems: Math.min(n, 20),
      countSelector: '[data-testid^="swot-quadrant-"] :is(h2, h3, h4, [role="heading"])',
      countInner: '.wr-count, [data-testid$="-count"]',
      countSum: n,
    },
    typing: { selector: `[data-card-id="${typing}"]`, id: typing },
    remote: { selector: `[data-card-id="${remote}"]`, id: remote },
    ids: all.filter((id) => id !== typing && id !== remote),
    remoteBase: readSwotText(doc, remote),
  };
}

function readSwotText(doc: Y.Doc, id: string): string {
  const item = doc.getMap('items').get(id);
  return item instanceof Y.Map ? String(item.get('text') ?? '') : '';
}

// ---------------------------------------------------------------------------------------------
// Priorities

export function seedPriorities(doc: Y.Doc, n: number, r: Rng, ctxs: WriteContext[]): Seeded {
  const ids: string[] = [];
  const actors = ['Schulamt', 'Jugendamt', 'Volkshochschule', 'Jobcenter', 'Träger der freien Jugendhilfe', 'Bildungsbüro', 'Kammern'];
  let firstTitle = '';
  batched(doc, n, 40, (i) => {
    const ctx = ctxs[i % ctxs.length]!;
    const t = `${title(r)} (${i + 1})`;
    if (i === 0) firstTitle = t;
    const id = addPriorityTopic(doc, ctx, { title: t, description: cardText(r, 40, 200), role: r() < 0.6 ? pick(r, MUNICIPAL_ROLES) : null });
    for (let k = int(r, 0, 3); k > 0; k--) addPriorityActor(doc, ctx, id, pick(r, actors));
    ids.push(id);
  });
  const [typing, remote] = [ids[0]!, ids[1] ?? ids[0]!];
  return {
    kind: 'priorities',
    n,
    // Topics far from the viewport are light stand-ins (a topic is ~300 px tall: fewer than 20 fit
    // the viewport in full); a stand-in shows its topic's rank and title, so it counts as shown.
    open: { itemSelector: '[data-testid="priority-item"], [data-testid="priority-item-standin"]', minItems: Math.min(n, 20), firstText: firstTitle },
    typing: { selector: `[data-topic-id="${typing}"]`, id: typing },
    remote: { selector: `[data-topic-id="${remote}"]`, id: remote },
    ids: ids.filter((id) => id !== typing && id !== remote),
    remoteBase: readTitle(doc, remote),
  };
}

function readTitle(doc: Y.Doc, id: string): string {
  const item = doc.getMap('items').get(id);
  return item instanceof Y.Map ? String(item.get('title') ?? '') : '';
}

// ---------------------------------------------------------------------------------------------
// Goal tree

/**
 * `n` nodes: 2 Leitbilder → 4 strategic goals each → 5 operative goals each → the rest as
 * measures, spread over the operative goals. Strategic and operative goals get 1–2 indicators
 * (baseline, target, deadline), some measures one.
 */
export function seedGoals(doc: Y.Doc, n: number, r: Rng, ctxs: WriteContext[]): Seeded {
  const levels: { level: GoalLevel; parent: number | null }[] = [];
  // Plan the tree first (indices), then write it in pre-order.
  const leitbilder = Math.min(2, n);
  const strategic = Math.min(leitbilder * 4, Math.max(0, n - leitbilder));
  const operative = Math.min(strategic * 5, Math.max(0, n - leitbilder - strategic));
  const measures = Math.max(0, n - leitbilder - strategic - operative);
  for (let i = 0; i < leitbilder; i++) levels.push({ level: 'leitbild', parent: null });
  for (let i = 0; i < strategic; i++) levels.push({ level: 'strategisch', parent: i % leitbilder });
  for (let i = 0; i < operative; i++) levels.push({ level: 'operativ', parent: leitbilder + (i % strategic) });
  for (let i = 0; i < measures; i++) levels.push({ level: 'massnahme', parent: leitbilder + strategic + (i % operative) });
  const ids: string[] = new Array(levels.length);
  let firstTitle = '';
  batched(doc, levels.length, 25, (i) => {
    const { level, parent } = levels[i]!;
    const ctx = ctxs[i % ctxs.length]!;
    const t =
      level === 'leitbild'
        ? `Leitbild ${i + 1}: Gute Bildung für alle von Anfang an`
        : level === 'massnahme'
          ? `Maßnahme ${i + 1}: ${title(r)}`
          : `${level === 'strategisch' ? 'Strategisches' : 'Operatives'} Ziel ${i + 1}: ${title(r)}`;
    if (i === 0) firstTitle = t;
    const id = addGoal(doc, ctx, {
      level,
      parentId: parent === null ? null : ids[parent]!,
      title: t,
      description: level === 'leitbild' || r() < 0.5 ? sentence(r) : '',
      targetGroup: r() < 0.5 ? pick(r, ['Kinder unter 6 Jahren', 'Grundschulkinder', 'Jugendliche im Übergang', 'Eltern', 'Neuzugewanderte']) : '',
      area: r() < 0.4 ? pick(r, ['Landkreis', 'Sozialraum Nord', 'Sozialraum Süd', 'Innenstadt']) : '',
      zielfeld: level === 'leitbild' ? null : pick(r, ZIELFELDER),
      owner: level === 'massnahme' || level === 'operativ' ? pick(r, ['Bildungsbüro', 'Schulamt', 'Jugendamt', 'VHS']) : '',
    });
    ids[i] = id;
    const indicators = level === 'strategisch' || level === 'operativ' ? int(r, 1, 2) : level === 'massnahme' && r() < 0.3 ? 1 : 0;
    for (let k = 0; k < indicators; k++) {
      const e = evidence(r);
      addIndicator(doc, ctx, id, {
        name: e.indicator,
        unit: e.unit,
        baseline: e.value,
        target: Math.round(e.value * 1.2 * 10) / 10,
        deadline: `${int(r, 2026, 2030)}-12-31`,
        dataSource: e.source,
      });
    }
  });
  // The outline shows pre-order: Leitbild 1, its first strategic goal (the remote target), …
  const typing = ids[0]!;
  const remote = ids[leitbilder] ?? ids[0]!;
  return {
    kind: 'goals',
    n: ids.length,
    open: { itemSelector: '[data-testid="goal-node"]', minItems: Math.min(ids.length, 20), firstText: firstTitle },
    typing: { selector: `[data-goal-id="${typing}"]`, id: typing },
    remote: { selector: `[data-goal-id="${remote}"]`, id: remote },
    // Measures are moved and edited; the Leitbilder and the remote target stay where they are.
    ids: ids.filter((id, i) => id !== typing && id !== remote && levels[i]!.level !== 'leitbild'),
    remoteBase: readTitle(doc, remote),
  };
}

// ---------------------------------------------------------------------------------------------
// Notes

/** Blocks per page: a heading, ~30 paragraphs, two lists of 3–4 items, sub-headings. */
function notesPage(r: Rng, page: number): RichBlock[] {
  const text = (s: string, bold = false): RichInline[] => [{ type: 'text', text: s, ...(bold ? { marks: [{ type: 'bold' as const }] } : {}) }];
  const blocks: RichBlock[] = [{ type: 'heading', attrs: { level: 2 }, content: text(`${page + 1}. ${title(r)}`) }];
  for (let k = 0; k < 36; k++) {
    if (k % 12 === 11) blocks.push({ type: 'heading', attrs: { level: 3 }, content: text(title(r)) });
    else if (k % 15 === 7)
      blocks.push({
        type: 'bulletList',
        content: Array.from({ length: int(r, 3, 4) }, () => ({ type: 'listItem' as const, content: [{ type: 'paragraph' as const, content: text(cardText(r, 30, 90)) }] })),
      });
    else blocks.push({ type: 'paragraph', content: k > 4 && r() < 0.1 ? [...text('Beschluss: ', true), ...text(cardText(r, 40, 160))] : text(cardText(r, 40, 200)) });
  }
  return blocks;
}

/** Paragraphs (incl. list items' paragraphs) of a rich doc. */
function paragraphCount(blocks: RichBlock[]): number {
  let n = 0;
  for (const b of blocks) {
    if (b.type === 'paragraph' || b.type === 'heading') n++;
    else if (b.type === 'bulletList' || b.type === 'orderedList') n += b.content.length;
  }
  return n;
}

export function seedNotes(doc: Y.Doc, pages: number, r: Rng): Seeded & { paragraphs: number } {
  const fragment = getNotesFragment(doc);
  let paragraphs = 0;
  let firstText = '';
  for (let p = 0; p < pages; p++) {
    const blocks = notesPage(r, p);
    if (p === 0) firstText = (blocks[0] as { content: { text: string }[] }).content[0]!.text;
    paragraphs += paragraphCount(blocks);
    doc.transact(() => appendToXmlFragment(fragment, { type: 'doc', content: blocks } satisfies RichDoc));
  }
  const n = fragment.length;
  const editor = '[data-testid="notes-editor"]';
  // Block 2 and 4 of the first page are plain paragraphs (see notesPage): typed into / edited remotely.
  return {
    kind: 'notes',
    n,
    pages,
    paragraphs,
    open: { itemSelector: `${editor} > *`, minItems: Math.min(n, 20), firstText },
    typing: { selector: `${editor} > :nth-child(3)`, id: '2' },
    remote: { selector: `${editor} > :nth-child(5)`, id: '4' },
    ids: [],
    remoteBase: blockText(doc, 4)?.toString() ?? '',
  };
}

/** The Y.XmlText of a paragraph or heading block, if the block is one. */
function blockText(doc: Y.Doc, index: number): Y.XmlText | undefined {
  const el = getNotesFragment(doc).get(index);
  if (!(el instanceof Y.XmlElement) || (el.nodeName !== 'paragraph' && el.nodeName !== 'heading')) return undefined;
  const first = el.get(0);
  return first instanceof Y.XmlText ? first : undefined;
}

// ---------------------------------------------------------------------------------------------
// Edits by another person

/**
 * The measured remote edit number `i`: the target's text ends with the marker `[r<i>]` (the
 * previous marker replaced), which the page looks for.
 */
export function remoteEdit(doc: Y.Doc, ctx: WriteContext, s: Seeded, i: number): void {
  const value = `${s.remoteBase} [r${i}]`;
  switch (s.kind) {
    case 'swot':
      editSwotCardText(doc, ctx, s.remote.id, value);
      return;
    case 'priorities':
      editPriorityText(doc, ctx, s.remote.id, 'title', value);
      return;
    case 'goals':
      editGoalText(doc, ctx, s.remote.id, 'title', value);
      return;
    case 'notes': {
      const text = blockText(doc, Number(s.remote.id));
      if (!text) throw new Error('notes: the remote target is not a paragraph');
      doc.transact(() => {
        const old = text.toString();
        const at = old.indexOf(' [r');
        if (at >= 0) text.delete(at, text.length - at);
        text.insert(text.length, ` [r${i}]`);
      }, ctx.origin);
      return;
    }
  }
}

const WORDS = ['dringend', 'gemeinsam', 'verbindlich', 'ab 2026', 'im Kreis', 'laut Monitoring', 'mit den Trägern', 'schrittweise'];

/** One edit of a burst: mostly a word typed into a random item, sometimes a move. */
export function burstEdit(doc: Y.Doc, ctx: WriteContext, s: Seeded, r: Rng): 'text' | 'move' {
  const move = r() < 0.2;
  const word = ` ${pick(r, WORDS)}`;
  switch (s.kind) {
    case 'swot': {
      const id = pick(r, s.ids);
      if (move) {
        const q = pick(r, SWOT_QUADRANTS);
        moveSwotCard(doc, ctx, id, q, { index: PROTECTED_PER_QUADRANT + int(r, 0, Math.max(0, Math.floor(s.n / 4) - PROTECTED_PER_QUADRANT)) });
        return 'move';
      }
      const len = readSwotText(doc, id).length;
      editSwotCardText(doc, ctx, id, { index: int(r, 0, len), deleteCount: 0, insert: word });
      return 'text';
    }
    case 'priorities': {
      const id = pick(r, s.ids);
      if (move) {
        movePriorityTopic(doc, ctx, id, { index: int(r, 2, s.n - 1) });
        return 'move';
      }
      editPriorityText(doc, ctx, id, r() < 0.5 ? 'title' : 'description', { index: 0, deleteCount: 0, insert: `${word.trim()} ` });
      return 'text';
    }
    case 'goals': {
      const id = pick(r, s.ids);
      if (move) {
        moveGoal(doc, ctx, id, r() < 0.5 ? 'start' : 'end');
        return 'move';
      }
      editGoalText(doc, ctx, id, 'title', { index: readTitle(doc, id).length, deleteCount: 0, insert: word });
      return 'text';
    }
    case 'notes': {
      const fragment = getNotesFragment(doc);
      // Blocks after the first page's top, so the typed and the watched paragraphs stay put.
      const index = int(r, 10, fragment.length - 1);
      if (move) {
        // A paragraph added or removed: the notes' equivalent of a move.
        doc.transact(() => {
          if (r() < 0.5 || fragment.length < 40) {
            const p = new Y.XmlElement('paragraph');
            p.insert(0, [new Y.XmlText(cardText(r, 40, 120))]);
            fragment.insert(index, [p]);
          } else fragment.delete(index, 1);
        }, ctx.origin);
        return 'move';
      }
      for (let k = index; k < fragment.length; k++) {
        const text = blockText(doc, k);
        if (!text) continue;
        doc.transact(() => text.insert(int(r, 0, text.length), word), ctx.origin);
        return 'text';
      }
      return 'text';
    }
  }
}
