/**
 * Micro-benchmark: what checking one keystroke costs on a small and on a large board.
 * `npx tsx server/sync/checkCost.bench.ts` — prints the median time per update of
 * (a) applying it to the accepted copy and checking it, (b) the check alone.
 */
import * as Y from 'yjs';
import { SERVER_SENDER, type Sender } from '../../shared/schema/rules';
import { DocumentChecker, rulesFor } from '../../shared/schema/rules';
import { addSwotCard, editSwotCardText, readSwot } from '../../shared/schema';

const anna = { origin: 'anna', author: { participantId: 'p-anna-0001', displayName: 'Anna' } };
const sender: Sender = { kind: 'participant', participantId: 'p-anna-0001', displayName: 'Anna' };

function board(items: number): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (let i = 0; i < items; i++) addSwotCard(doc, anna, { quadrant: 'chancen', text: `Karte ${i}: Stärke aus der Bildungskonferenz`, placement: 'start' });
  });
  return Y.encodeStateAsUpdate(doc);
}

function measure(items: number, keystrokes: number): { applyAndCheck: number; check: number } {
  const state = board(items);
  const server = new Y.Doc();
  Y.applyUpdate(server, state);
  const checker = new DocumentChecker(rulesFor('swot'));
  let checkTimes: number[] = [];
  let current: Sender = SERVER_SENDER;
  server.on('afterTransaction', (tr: Y.Transaction) => {
    const t0 = performance.now();
    const failure = checker.checkTransaction(tr, current);
    checkTimes.push(performance.now() - t0);
    if (failure) throw new Error(failure.rule);
  });
  const client = new Y.Doc();
  Y.applyUpdate(client, state);
  const ids = readSwot(client).cards.map((c) => c.id);
  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < keystrokes; i++) editSwotCardText(client, anna, ids[(i * 7919) % ids.length]!, { index: 0, deleteCount: 0, insert: 'x' });
  current = sender;
  // Warm up the caches (first touch of the board map counts its entries once).
  const warm = Math.min(200, keystrokes / 4);
  const total: number[] = [];
  updates.forEach((u, i) => {
    const t0 = performance.now();
    Y.applyUpdate(server, u, 'peer');
    if (i >= warm) total.push(performance.now() - t0);
  });
  checkTimes = checkTimes.slice(checkTimes.length - total.length);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { applyAndCheck: median(total) * 1000, check: median(checkTimes) * 1000 };
}

measure(10, 1000); // JIT warm-up
for (const items of [10, 10_000, 10, 10_000]) {
  const r = measure(items, 2000);
  console.log(`${String(items).padStart(6)} items: apply + check ${r.applyAndCheck.toFixed(1)} µs, check alone ${r.check.toFixed(1)} µs (median per keystroke)`);
}
