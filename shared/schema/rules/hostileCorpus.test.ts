/**
 * The generated hostile corpus against the document rules alone (no server): every case of every
 * document kind, for several seeds, is refused by the checker (or is a frame over the size
 * limit), and the accepted state stays as it was. The same corpus runs over the wire in
 * `server/sync/hostileCorpus.int.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../closeCodes';
import { DOC_KINDS, PRIVATE_DOC_KINDS, type AnyDocKind } from '../../docs';
import { Limits } from '../../limits';
import { categoriesOf, documentJson, HOSTILE_CATEGORIES, hostileCorpus, type HostileCase, type HostileTarget, seedHonestContent } from './hostileCorpus';
import { MIGRATIONS } from '../index';
import { META_MAP, runMigrations } from '../meta';
import { RULES_VERSION, VALIDATED_RULES_KEY } from './documents';
import { Acceptor, ANNA, BEN, Replica, senderOf } from './testkit';
import { SERVER_SENDER } from './types';

const KINDS: AnyDocKind[] = [...DOC_KINDS, ...PRIVATE_DOC_KINDS];
const SEEDS = [20261126, 1, 77];
const COUNT = 30;

/** An acceptor with honest content; in a private drafts document the owner is the attacker. */
function board(kind: AnyDocKind) {
  const server = new Acceptor(kind);
  const owner = ANNA;
  const attacker = kind === 'drafts' ? ANNA : BEN;
  const other = kind === 'drafts' ? BEN : ANNA;
  let ids: HostileTarget['ids'] | undefined;
  // What the server writes when it loads a document: migrations and the rules' version.
  const migrated = new Replica(server, SERVER_SENDER).edit((d) => {
    runMigrations(d, MIGRATIONS[kind], 'migration');
    d.getMap(META_MAP).set(VALIDATED_RULES_KEY, RULES_VERSION);
  });
  expect(migrated).toBeUndefined();
  const failure = new Replica(server, senderOf(owner)).edit((d) => {
    ids = seedHonestContent(kind, d, owner);
  });
  expect(failure).toBeUndefined();
  const target: HostileTarget = { kind, attacker: attacker.author, honest: other.author, ids: ids! };
  return { server, target, attacker };
}

/** Runs a case on a synced copy as one transaction; returns the one update it makes. */
function updateOf(server: Acceptor, c: HostileCase, target: HostileTarget, clientID?: number): Uint8Array {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.state()), 'sync');
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'sync') updates.push(u);
  });
  doc.transact(() => c.edit(doc, target));
  doc.destroy();
  expect(updates, `${c.id} makes one update`).toHaveLength(1);
  return updates[0]!;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

describe('the hostile corpus', () => {
  it('is reproducible: the same seed gives the same cases and the same updates', () => {
    for (const kind of KINDS) {
      const a = hostileCorpus(kind, { seed: 5, count: COUNT });
      const b = hostileCorpus(kind, { seed: 5, count: COUNT });
      const c = hostileCorpus(kind, { seed: 6, count: COUNT });
      expect(a.map((x) => [x.category, x.description])).toEqual(b.map((x) => [x.category, x.description]));
      expect(a.map((x) => x.description)).not.toEqual(c.map((x) => x.description));
      const { server, target } = board(kind);
      for (const [i, x] of a.entries()) {
        if (x.expectedClose !== CloseCode.contentRefused.code) continue;
        expect(sameBytes(updateOf(server, x, target, 4242), updateOf(server, b[i]!, target, 4242)), x.id).toBe(true);
      }
    }
  });

  it('covers every category each kind has; every kind has at least six', () => {
    for (const kind of KINDS) {
      const categories = categoriesOf(kind);
      expect(categories.length, kind).toBeGreaterThanOrEqual(6);
      expect(new Set(hostileCorpus(kind, { seed: 9, count: COUNT }).map((c) => c.category))).toEqual(new Set(categories));
    }
    // Authorship, ids and vote slots of the boards: all eight.
    for (const kind of ['swot', 'priorities', 'goals', 'decisions'] as const) expect(categoriesOf(kind)).toEqual([...HOSTILE_CATEGORIES]);
  });

  for (const kind of KINDS) {
    it(`${kind}: every case is refused whole (seeds ${SEEDS.join(', ')})`, () => {
      const { server, target, attacker } = board(kind);
      const before = documentJson(kind, server.state());
      const sv = Y.encodeStateVector(server.state());
      const survived: string[] = [];
      for (const seed of SEEDS) {
        for (const c of hostileCorpus(kind, { seed, count: COUNT })) {
          const update = updateOf(server, c, target);
          if (c.expectedClose === CloseCode.payloadTooLarge.code) {
            // Refused from its size before it is read: a y-websocket frame is larger than the update.
            expect(update.byteLength, c.id).toBeGreaterThan(Limits.maxFrameBytes);
            continue;
          }
          expect(update.byteLength, c.id).toBeLessThan(Limits.maxFrameBytes);
          const rule = server.offer(update, senderOf(attacker));
          if (rule === undefined) survived.push(`${seed} ${c.id} [${c.category}] ${c.description}`);
        }
      }
      expect(survived).toEqual([]);
      expect(documentJson(kind, server.state())).toBe(before);
      expect(Y.encodeStateVector(server.state())).toEqual(sv);
    }, 60_000);
  }
});
