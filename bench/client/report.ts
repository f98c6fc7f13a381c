/** Results of the client benchmark: the printed table and the issue's targets, PASS/FAIL. */
import type { MachineWindow } from './machine';
import type { BurstFigures, FirstLoad, OpenResult, TypingRun } from './measure';
import { median, type LatencyFigures, type TypingFigures } from './stats';

export interface ScenarioRun {
  scenario: string;
  checkout: 'current' | 'base';
  label: string;
  open?: { runs: OpenResult[]; medianMs: number; minMs: number; maxMs: number; usableMedianMs: number };
  typing?: TypingFigures & { runs: TypingRun[] };
  remote?: LatencyFigures;
  burst?: BurstFigures;
  /** Presence scenarios: long tasks while only presence happens (5 s). */
  idle?: Pick<BurstFigures, 'longTaskMs' | 'share' | 'tasks' | 'longestMs'>;
  firstLoad?: { room: FirstLoad; board: FirstLoad };
  presence?: { people: number; clients: number; connected: number; closeCodes: number[]; beats: number; startMs: number; listed: number };
  /** Waiting for quiet before the measurement (ms) and what other processes used meanwhile. */
  quiet?: { waitedMs: number; othersPct: number };
  machine?: MachineWindow;
  errors: string[];
}

const BUSY_PCT = 25;

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const sec = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : (v / 1000).toFixed(2));
/** KB of 1,024 bytes, as the issue counts them (its 402 KB are 411,000 bytes). */
const kb = (bytes: number) => (bytes / 1024).toFixed(0);

function table(header: string[], body: string[][], leftColumns = 2): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w, i) => (i < leftColumns ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|', ...body.map(line)].join('\n');
}

export function resultTable(runs: ScenarioRun[]): string {
  const body = runs.map((r) => {
    const typing = r.typing ? `${ms(r.typing.p95)} / ${ms(r.typing.max)}` : '–';
    const keys = r.typing ? `${r.typing.withoutEntry}/${r.typing.keystrokes}${r.typing.runs.some((x) => !x.arrived) ? ' (!)' : ''}` : '–';
    const remote = r.remote ? `${ms(r.remote.p50)} / ${ms(r.remote.p95)}${r.remote.missing ? ` (${r.remote.missing} lost)` : ''}` : '–';
    const burst = r.burst ? `${ms(r.burst.longTaskMs)} (${(r.burst.share * 100).toFixed(0)} %)` : '–';
    const idle = r.idle ? `${ms(r.idle.longTaskMs)} (${(r.idle.share * 100).toFixed(0)} %)` : '–';
    const load = r.firstLoad
      ? `${kb(r.firstLoad.room.js.gzip)} (${kb(r.firstLoad.room.js.raw)}) / ${kb(r.firstLoad.board.js.gzip)} (${kb(r.firstLoad.board.js.raw)})`
      : '–';
    const others = r.machine ? r.machine.othersPct.toFixed(0) : '–';
    const load1 = r.machine ? `${r.machine.load1Start.toFixed(1)}→${r.machine.load1End.toFixed(1)}` : '–';
    const valid = r.errors.length ? 'ERROR' : r.machine && r.machine.othersPct > BUSY_PCT ? 'BUSY' : 'ok';
    return [
      r.scenario,
      `${r.checkout} ${r.label}`,
      sec(r.open?.medianMs),
      sec(r.open ? median(r.open.runs.map((x) => x.domReadyMs ?? Number.NaN)) : undefined),
      sec(r.open?.usableMedianMs),
      r.open ? String(Math.max(...r.open.runs.map((x) => x.itemsInDom))) : '–',
      typing,
      keys,
      remote,
      burst,
      idle,
      load,
      others,
      load1,
      valid,
    ];
  });
  return table(
    [
      'scenario',
      'checkout',
      'open s',
      'in DOM s',
      'usable s',
      'items in DOM',
      'typing p95 / max ms',
      'keys ≤16 ms',
      'remote→visible p50 / p95 ms',
      'long tasks, 10 edits/s × 5 s: ms (%)',
      'long tasks, presence only 5 s',
      'first load JS KB gzip (raw): room / SWOT',
      'others % CPU',
      'load avg',
      'valid',
    ],
    body,
  );
}

export interface TargetCheck {
  checkout: string;
  target: string;
  measured: string;
  /** null: not measured in this run. */
  ok: boolean | null;
}

/** The issue's open target (1.5 s) over its 10-card open (1.07 s). */
const OPEN_RATIO = 1.5 / 1.07;

export function checkTargets(runs: ScenarioRun[]): TargetCheck[] {
  const out: TargetCheck[] = [];
  const labels = [...new Map(runs.map((r) => [`${r.checkout} ${r.label}`, r.checkout])).entries()];
  for (const [label, checkout] of labels) {
    const row = (id: string) => runs.find((r) => r.scenario === id && r.checkout === checkout && r.errors.length === 0);
    const busy = (r: ScenarioRun | undefined) => (r?.machine && r.machine.othersPct > BUSY_PCT ? ' (machine busy)' : '');
    const big = row('swot-1000');
    const small = row('swot-10');
    const add = (target: string, measured: string | undefined, ok: boolean | undefined) =>
      out.push({ checkout: label, target, measured: measured ?? 'not measured', ok: ok ?? null });
    add('SWOT 1,000 cards: open ≤ 1.5 s', big?.open ? `${sec(big.open.medianMs)} s${busy(big)}` : undefined, big?.open ? big.open.medianMs <= 1500 : undefined);
    // The same target relative to the 10-card board of the same run: the issue set 1.5 s against a
    // 10-card open of 1.07 s (1.4×). On a shared machine, where the 10-card board alone may take
    // longer than 1.5 s, this ratio says what the board's size costs; the absolute line stays.
    add(
      `SWOT 1,000 cards: open ≤ ${OPEN_RATIO.toFixed(2)} × the 10-card board (1.5 s against the issue's 1.07 s)`,
      big?.open && small?.open ? `${(big.open.medianMs / small.open.medianMs).toFixed(2)}× (${sec(big.open.medianMs)} vs ${sec(small.open.medianMs)} s)` : undefined,
      big?.open && small?.open ? big.open.medianMs <= OPEN_RATIO * small.open.medianMs : undefined,
    );
    add('SWOT 1,000 cards: typing p95 ≤ 50 ms', big?.typing ? `${ms(big.typing.p95)} ms${busy(big)}` : undefined, big?.typing ? big.typing.p95 <= 50 : undefined);
    add(
      'SWOT 1,000 cards: typing p95 ≤ 1.5 × the 10-card board',
      big?.typing && small?.typing ? `${(big.typing.p95 / small.typing.p95).toFixed(2)}× (${ms(big.typing.p95)} vs ${ms(small.typing.p95)} ms)` : undefined,
      big?.typing && small?.typing ? big.typing.p95 <= 1.5 * small.typing.p95 : undefined,
    );
    add(
      'SWOT 1,000 cards: remote edit → visible p95 ≤ 100 ms',
      big?.remote ? `${ms(big.remote.p95)} ms${big.remote.missing ? `, ${big.remote.missing} never shown` : ''}${busy(big)}` : undefined,
      big?.remote ? big.remote.p95 <= 100 && big.remote.missing === 0 : undefined,
    );
    add(
      'SWOT 1,000 cards: long tasks ≤ 10 % of a remote edit burst',
      big?.burst ? `${(big.burst.share * 100).toFixed(1)} % (${ms(big.burst.longTaskMs)} ms of ${big.burst.burstMs / 1000} s)${busy(big)}` : undefined,
      big?.burst ? big.burst.share <= 0.1 : undefined,
    );
    const fl = row('first-load');
    add(
      'first load of the room ≤ 300 KB JS gzip',
      fl?.firstLoad ? `${kb(fl.firstLoad.room.js.gzip)} KB (${fl.firstLoad.room.js.files} files, ${kb(fl.firstLoad.room.js.raw)} KB raw)` : undefined,
      fl?.firstLoad ? fl.firstLoad.room.js.gzip <= 300 * 1024 : undefined,
    );
  }
  return out;
}

export function targetLines(checks: TargetCheck[]): string {
  return checks.map((c) => `${c.ok === null ? '   –' : c.ok ? 'PASS' : 'FAIL'}  ${c.checkout}: ${c.target}: ${c.measured}`).join('\n');
}
