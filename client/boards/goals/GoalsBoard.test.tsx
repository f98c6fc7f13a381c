// @vitest-environment happy-dom
/**
 * The goal tree's views on a hostile document: a chain thousands of levels deep (each node the
 * only child of the one before), as a participant with a scripted client could write it before
 * the server checked tree depth. The diagram and the list view — the views that nest — must
 * render it without recursion (no "Maximum call stack size exceeded", no error thrown while
 * rendering), nest at most GOAL_DISPLAY_DEPTH levels and still show every node. (The outline is a
 * flat list with aria-level; e2e/goals-hostile.spec.ts shows it on the deepest chain the server
 * accepts, client/data/boards/goals.test.ts reads 6,000 levels.)
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { JoinResponse } from '../../../shared/api';
import { createItem, getItemsMap, type WriteContext } from '../../../shared/schema/items';
import { keyBetween } from '../../../shared/schema/order';
import { GOAL_DISPLAY_DEPTH } from '../../data/boards/goals';
import i18n from '../../i18n';
import { loadLocalePart } from '../../lib/locales';
import type { BoardProps, BoardView } from '../types';
import GoalsBoard from './GoalsBoard';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const DEPTH = 6000;
/**
 * The list view's test uses a shorter chain: happy-dom's DOM is slow with thousands of entries,
 * and a list nesting every level already overflows the stack at 2,000 levels.
 */
const LIST_DEPTH = 2000;
const ctx: WriteContext = { origin: 'test', author: { participantId: 'p-ketten', displayName: 'Kettenschreiber' } };

function chainDoc(depth: number): Y.Doc {
  const doc = new Y.Doc();
  const items = getItemsMap(doc);
  doc.transact(() => {
    let parentId: string | null = null;
    for (let i = 0; i < depth; i++) {
      parentId = createItem(doc, items, ctx, {
        level: 'operativ',
        parentId,
        order: keyBetween(null, null),
        title: new Y.Text(`Ebene ${i + 1}`),
        description: new Y.Text(''),
        targetGroup: '',
        area: '',
        zielfeld: null,
        owner: '',
        indicators: new Y.Map<unknown>(),
      });
    }
  }, ctx.origin);
  return doc;
}

function boardProps(doc: Y.Doc, view: BoardView): BoardProps {
  const awareness = new Awareness(doc);
  return {
    kind: 'goals',
    doc,
    provider: { awareness } as unknown as WebsocketProvider,
    ctx,
    undoManager: new Y.UndoManager(getItemsMap(doc), { trackedOrigins: new Set([ctx.origin]) }),
    role: 'participant',
    readOnly: false,
    locked: false,
    session: undefined,
    join: { participantId: 'p-anna', displayName: 'Anna Schulamt' } as JoinResponse,
    user: { id: 'p-anna', name: 'Anna Schulamt', color: '#225', role: 'participant' },
    view,
    announce: () => {},
    notify: () => {},
    deleteWithUndo: () => {},
  };
}

let container: HTMLElement;
let root: Root;
let errors: unknown[];
const onError = (e: ErrorEvent) => errors.push(e.error);

beforeEach(async () => {
  await i18n.changeLanguage('de');
  // The boards' strings load with the board, as in the app.
  await loadLocalePart('boards');
  sessionStorage.clear();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container, { onUncaughtError: (e) => errors.push(e), onCaughtError: (e) => errors.push(e) });
  errors = [];
  window.addEventListener('error', onError);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  window.removeEventListener('error', onError);
});

const all = (testId: string) => container.querySelectorAll(`[data-testid="${testId}"]`);
const one = (testId: string) => container.querySelector<HTMLElement>(`[data-testid="${testId}"]`);

describe('a goal chain thousands of levels deep', () => {
  it('the diagram draws 6,000 levels as GOAL_DISPLAY_DEPTH columns and one note for the levels below', async () => {
    const doc = chainDoc(DEPTH);
    sessionStorage.setItem('werkraum.goals.mode', 'diagram');
    await act(async () => root.render(<GoalsBoard {...boardProps(doc, 'board')} />));
    expect(errors).toEqual([]);
    expect(one('goal-diagram-svg')).not.toBeNull();
    expect(all('goal-diagram-node')).toHaveLength(GOAL_DISPLAY_DEPTH);
    expect(one('goal-diagram-deeper')?.getAttribute('data-count')).toBe(String(DEPTH - GOAL_DISPLAY_DEPTH));
  });

  // Thousands of entries in happy-dom take seconds on a busy machine.
  it('the list view nests GOAL_DISPLAY_DEPTH lists, then lists the deeper levels flat', { timeout: 60_000 }, async () => {
    const doc = chainDoc(LIST_DEPTH);
    await act(async () => root.render(<GoalsBoard {...boardProps(doc, 'list')} />));
    expect(errors).toEqual([]);
    expect(all('goal-list-item')).toHaveLength(LIST_DEPTH);
    expect(one('goal-list-flat')).not.toBeNull();
    // Nesting is bounded: no list sits deeper than the bound (plus the flat list).
    let deepest = 0;
    for (const list of container.querySelectorAll('[data-testid="goal-list"] ul, [data-testid="goal-list"] ol')) {
      let n = 0;
      for (let el: Element | null = list; el && el !== container; el = el.parentElement) if (el.tagName === 'UL' || el.tagName === 'OL') n++;
      deepest = Math.max(deepest, n);
    }
    expect(deepest).toBeLessThanOrEqual(GOAL_DISPLAY_DEPTH + 2);
  });
});
