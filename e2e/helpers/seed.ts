/**
 * Seeding boards at conference scale from the test runner: a scripted participant joins over the
 * HTTP API and writes through the shared/schema helpers with a stock y-websocket client in Node,
 * exactly as a browser would (the server checks it like any other client).
 */
import { expect, request } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { JoinResponse } from '../../shared/api';
import { PROTOCOL_VERSION, YjsParams } from '../../shared/protocol';
import { editActionField, linkActionNode } from '../../shared/schema/actions';
import { CANVAS_SECTIONS, getCanvasFragment } from '../../shared/schema/canvas';
import { addGoal, addIndicator, ZIELFELDER, type GoalLevel } from '../../shared/schema/goals';
import { createItem, getItemsMap, type WriteContext } from '../../shared/schema/items';
import { keyBetween } from '../../shared/schema/order';
import { addPriorityTopic, MUNICIPAL_ROLES } from '../../shared/schema/priorities';
import { addSwotCard, addSwotCluster, SWOT_QUADRANTS, type SwotQuadrant } from '../../shared/schema/swot';
import { E2E_BASE_URL } from './env';

/** Joins a session over the HTTP API (no browser). */
export async function joinByApi(joinCode: string, name: string): Promise<JoinResponse> {
  const api = await request.newContext({ baseURL: E2E_BASE_URL });
  try {
    const res = await api.post('/api/join', { data: { code: joinCode, name } });
    // A join creates a participant.
    expect(res.status()).toBe(201);
    return (await res.json()) as JoinResponse;
  } finally {
    await api.dispose();
  }
}

export interface ScriptedDoc {
  doc: Y.Doc;
  ctx: WriteContext;
  provider: WebsocketProvider;
  /** Resolves once the server holds everything this client wrote. */
  flushed(): Promise<void>;
  close(): void;
}

/** Opens one of the session's documents as a scripted participant. */
export async function openScriptedDoc(join: JoinResponse, docName: string): Promise<ScriptedDoc> {
  const doc = new Y.Doc();
  const wsUrl = `${E2E_BASE_URL.replace(/^http/, 'ws')}/yjs`;
  const provider = new WebsocketProvider(wsUrl, encodeURIComponent(docName), doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { [YjsParams.token]: join.token, [YjsParams.protocolVersion]: String(PROTOCOL_VERSION) },
    disableBc: true,
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no sync for ${docName}`)), 20_000);
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const ctx: WriteContext = { origin: 'seed', author: { participantId: join.participantId, displayName: join.displayName } };
  return {
    doc,
    ctx,
    provider,
    async flushed() {
      // A second client's view of the server is the proof that everything was stored and relayed.
      const probe = new Y.Doc();
      const other = new WebsocketProvider(wsUrl, encodeURIComponent(docName), probe, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        params: { [YjsParams.token]: join.token, [YjsParams.protocolVersion]: String(PROTOCOL_VERSION) },
        disableBc: true,
      });
      try {
        await expect
          .poll(() => Y.encodeStateVector(probe).toString() === Y.encodeStateVector(doc).toString(), { timeout: 30_000 })
          .toBe(true);
      } finally {
        other.destroy();
        probe.destroy();
      }
    },
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

const PHRASES = [
  'Gute Zusammenarbeit zwischen Schulen und Jugendhilfe im Stadtteil',
  'Zu wenige Plätze in der Ganztagsbetreuung an Grundschulen',
  'Neue Landesförderung für Bildungsbüros ab dem nächsten Haushaltsjahr',
  'Fachkräftemangel in Kitas und Schulsozialarbeit',
  'Volkshochschule bietet Sprachkurse mit Kinderbetreuung an',
  'Übergang Schule–Beruf: Berufsorientierung beginnt zu spät',
  'Stadtbibliothek als Lernort mit langen Öffnungszeiten',
  'Steigende Zahl von Schulabbrüchen in zwei Quartieren',
  'Kammern bieten Praktikumsbörse für Schülerinnen und Schüler',
  'Digitale Ausstattung der Schulen ungleich verteilt',
];

/** Writes `count` SWOT cards (and a few clusters) over the four quadrants; returns their ids by quadrant. */
export function seedSwotCards(target: ScriptedDoc, count: number, prefix = 'Karte'): Record<SwotQuadrant, string[]> {
  const out = { staerken: [], schwaechen: [], chancen: [], risiken: [] } as Record<SwotQuadrant, string[]>;
  target.doc.transact(() => {
    const clusters = SWOT_QUADRANTS.map((q) => addSwotCluster(target.doc, target.ctx, q, `Themengruppe ${q}`));
    for (let i = 0; i < count; i++) {
      const quadrant = SWOT_QUADRANTS[i % 4]!;
      const text = `${prefix} ${i + 1}: ${PHRASES[i % PHRASES.length]}`;
      const clusterId = i % 10 === 9 ? clusters[i % 4]! : null;
      const evidence = i % 7 === 0 ? { indicator: 'Schulabbrüche', value: 6.2, unit: '%', year: 2025, source: 'Bildungsmonitoring' } : null;
      out[quadrant].push(addSwotCard(target.doc, target.ctx, { quadrant, text, clusterId, evidence }));
    }
  }, target.ctx.origin);
  return out;
}

const GOAL_PHRASES = [
  'Übergänge von der Kita in die Grundschule begleiten',
  'Praktika in Betrieben für alle Jugendlichen der Klassen 8 bis 10',
  'Sprachförderung in Familienzentren ausbauen',
  'Schulabbrüche in den Quartieren Nord und Ost halbieren',
  'Ganztagsangebote mit Sportvereinen und Musikschule verzahnen',
  'Weiterbildung für Eltern mit Kinderbetreuung anbieten',
  'Bildungsmonitoring jährlich veröffentlichen',
  'Lernorte in Bibliotheken und Jugendzentren öffnen',
];

export interface SeededGoalTree {
  ids: string[];
  /** Ids by level, in outline order. */
  byLevel: Record<GoalLevel, string[]>;
}

/**
 * Writes a goal tree of `count` nodes (one Leitbild, strategic goals, operative goals under
 * them, measures under those) with the same write helpers a browser uses. Every fifth operative
 * goal is measurable (owner and a complete indicator), so filters have something to find.
 */
export function seedGoalTree(target: ScriptedDoc, count: number): SeededGoalTree {
  const byLevel: Record<GoalLevel, string[]> = { leitbild: [], strategisch: [], operativ: [], massnahme: [] };
  const ids: string[] = [];
  const { doc, ctx } = target;
  doc.transact(() => {
    const root = addGoal(doc, ctx, { title: 'Bildung für alle in Musterstadt – ein Leben lang' });
    byLevel.leitbild.push(root);
    ids.push(root);
    const strategic = Math.max(1, Math.round(count / 50));
    const operative = Math.max(1, Math.round(count / 8));
    for (let i = 0; i < strategic && ids.length < count; i++) {
      const id = addGoal(doc, ctx, { parentId: root, title: `Strategisches Ziel ${i + 1}: ${GOAL_PHRASES[i % GOAL_PHRASES.length]}` });
      byLevel.strategisch.push(id);
      ids.push(id);
    }
    for (let i = 0; i < operative && ids.length < count; i++) {
      const parentId = byLevel.strategisch[i % byLevel.strategisch.length]!;
      const measurable = i % 5 === 0;
      const id = addGoal(doc, ctx, {
        parentId,
        title: `Operatives Ziel ${i + 1}: ${GOAL_PHRASES[(i + 3) % GOAL_PHRASES.length]}`,
        owner: measurable ? 'Bildungsbüro' : '',
      });
      if (measurable) addIndicator(doc, ctx, id, { name: `Quote ${i + 1}`, unit: '%', baseline: 10, target: 20, deadline: '2028-07-31', dataSource: 'Schulstatistik' });
      byLevel.operativ.push(id);
      ids.push(id);
    }
    for (let i = 0; ids.length < count; i++) {
      const parentId = byLevel.operativ[i % byLevel.operativ.length]!;
      const id = addGoal(doc, ctx, { parentId, title: `Maßnahme ${i + 1}: ${GOAL_PHRASES[(i + 5) % GOAL_PHRASES.length]}` });
      byLevel.massnahme.push(id);
      ids.push(id);
    }
  }, ctx.origin);
  return { ids, byLevel };
}

/** Writes a chain of `depth` nodes from the top level down (each the only child of the one before), `batch` nodes per update. */
function writeGoalChain(target: ScriptedDoc, depth: number, batch = 500): string[] {
  const { doc, ctx } = target;
  const items = getItemsMap(doc);
  const ids: string[] = [];
  let parentId: string | null = null;
  for (let start = 0; start < depth; start += batch) {
    doc.transact(() => {
      for (let i = start; i < Math.min(depth, start + batch); i++) {
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
        ids.push(parentId);
      }
    }, ctx.origin);
  }
  return ids;
}

/** Resolves with the close code when the server closes the connection with one of its own codes. */
function refusal(target: ScriptedDoc): Promise<number> {
  return new Promise((resolve) => {
    target.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && event.code >= 4000) resolve(event.code);
    });
  });
}

export interface ChainAttempt {
  /** Levels written. */
  depth: number;
  /** The server's close code when it refused them; null when it stored them. */
  refusedWith: number | null;
  ids: string[];
}

/**
 * Writes a goal chain of `depth` levels (each node the only child of the one before), as a
 * hostile participant with a scripted client can, and tells whether the server stored it or
 * refused it (with which close code). The connection is closed at the first refusal, so the
 * client does not send the refused updates again.
 */
export async function writeGoalChainAs(join: JoinResponse, docName: string, depth: number): Promise<ChainAttempt> {
  const target = await openScriptedDoc(join, docName);
  try {
    const refused = refusal(target);
    const ids = writeGoalChain(target, depth);
    // After a refusal the probe of `flushed` times out; its failure is then of no interest.
    const stored = target.flushed().then(
      () => null,
      (e: unknown) => e,
    );
    const outcome = await Promise.race([stored, refused]);
    if (outcome !== null && typeof outcome !== 'number') throw outcome;
    return { depth, refusedWith: outcome, ids };
  } finally {
    target.close();
  }
}

const TOPICS = [
  'Ganztag an Grundschulen ausbauen',
  'Übergang Schule – Beruf begleiten',
  'Sprachförderung vor der Einschulung',
  'Lernorte im Quartier öffnen',
  'Schulsozialarbeit verstetigen',
  'Digitale Bildung in der Volkshochschule',
  'Berufsorientierung ab Klasse 7',
  'Bildungsberatung für Zugewanderte',
];

/**
 * Writes `count` focus topics to a priorities document, ranked in the order written; titles are
 * `<prefix> <n>: …` (n from 1), every third topic with the municipality's role, every fifth
 * with a vote result. Returns the ids in ranking order.
 */
export function seedPriorityTopics(target: ScriptedDoc, count: number, prefix = 'Thema'): string[] {
  const ids: string[] = [];
  target.doc.transact(() => {
    for (let i = 0; i < count; i++) {
      ids.push(
        addPriorityTopic(target.doc, target.ctx, {
          title: `${prefix} ${i + 1}: ${TOPICS[i % TOPICS.length]}`,
          description: 'Plätze, Räume und Personal gemeinsam mit den Trägern planen.',
          role: i % 3 === 0 ? MUNICIPAL_ROLES[i % 2]! : null,
          actors: ['Jugendamt', 'Schulträger'],
        }),
      );
    }
  }, target.ctx.origin);
  return ids;
}

/**
 * Writes a goal tree (a Leitbild with `count` strategic goals, each with an operative goal) to
 * the goals document and, for every second goal, an action plan with all four Zielfelder and the
 * operative goal linked. Returns the strategic goals' ids in outline order.
 */
export function seedActionPlan(goals: ScriptedDoc, actions: ScriptedDoc, count: number, prefix = 'Ziel'): string[] {
  const strategic: string[] = [];
  const operative: string[] = [];
  goals.doc.transact(() => {
    const leitbild = addGoal(goals.doc, goals.ctx, { title: 'Bildung für alle in Musterstadt' });
    for (let i = 0; i < count; i++) {
      const id = addGoal(goals.doc, goals.ctx, { parentId: leitbild, title: `${prefix} ${i + 1}: ${TOPICS[i % TOPICS.length]}`, owner: i % 2 ? 'Jugendamt' : 'Schulamt' });
      strategic.push(id);
      operative.push(addGoal(goals.doc, goals.ctx, { parentId: id, title: `Maßnahmenbündel ${i + 1}`, zielfeld: 'leistungen' }));
    }
  }, goals.ctx.origin);
  actions.doc.transact(() => {
    strategic.forEach((goalId, i) => {
      if (i % 2 === 1) return;
      for (const z of ZIELFELDER) editActionField(actions.doc, actions.ctx, goalId, z, `${z} für ${prefix} ${i + 1}`);
      linkActionNode(actions.doc, actions.ctx, goalId, operative[i]!);
    });
  }, actions.ctx.origin);
  return strategic;
}

/** Writes one paragraph into each section of the Gesamtkonzept canvas (as the editor stores it). */
export function seedCanvas(target: ScriptedDoc, texts: Partial<Record<string, string>> = {}): void {
  target.doc.transact(() => {
    for (const s of CANVAS_SECTIONS) {
      const text = texts[s.id] ?? `Entwurf zu Baustein ${s.number}`;
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      const fragment = getCanvasFragment(target.doc, s.id);
      fragment.insert(fragment.length, [paragraph]);
    }
  }, target.ctx.origin);
}
