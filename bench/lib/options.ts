import { parseArgs } from 'node:util';
import type { AwarenessMode } from './clients';
import { DEFAULT_SERVERS, SERVER_NAMES, type ServerName } from './servers';

export interface BenchOptions {
  quick: boolean;
  servers: ServerName[];
  /** Client counts, run as a ladder on one server process (clients are added between steps). */
  ns: number[];
  reps: number;
  /** Board items of the stored document every run starts from. */
  items: number;
  editFraction: number;
  editPeriodMs: number;
  presencePeriodMs: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
  /** Clients that join at once after the cold start (they are the first step of the ladder). */
  coldClients: number;
  /** Clients opened at once while climbing the ladder. */
  connectBatch: number;
  /** Load generator processes (clients are spread over them). */
  genProcs: number;
  /** Niceness of the load generator, so it cannot starve the server it measures. */
  genNice: number;
  /** Presence sending of the stock servers' clients (Werkraum's always send their own only). */
  awareness: AwarenessMode;
  /** Before each window, wait (at most quietWaitMs) until other processes use < quietBelowPct CPU. */
  quietWaitMs: number;
  quietBelowPct: number;
  /** Servers to run with --cpu-prof (profiles land next to the results). */
  profile: ServerName[];
  out: string | undefined;
  /** Checkout the `werkraum-base` server runs from (a before/after comparison in one run). */
  base: string | undefined;
}

const HELP = `npm run bench -- [options]
  --quick                 ~2-minute smoke run (N=50, short windows)
  --servers a,b,c         ${SERVER_NAMES.join(',')} (default: ${DEFAULT_SERVERS.join(',')})
  --n 50,200,500          client counts (ladder)
  --reps R                repetitions; server order rotates per repetition
  --items 10000           board items in the stored document
  --warmup S --measure S --drain S   seconds per step
  --edit-fraction 0.3     share of clients that edit (one edit per second each)
  --awareness own|echo    stock servers' clients send only their own presence (default) or
                          echo every received change back as the stock providers do
  --quiet-wait 120        seconds to wait before a window for other processes to calm down
  --gen-procs 2           load generator processes
  --gen-nice 5            niceness of the load generator process
  --profile werkraum      write a V8 CPU profile of these servers
  --out FILE              results JSON (default bench/results/<timestamp>.json)
  --base DIR              also run Werkraum from the checkout DIR as server werkraum-base
                          (e.g. git worktree of the commit before a change; added to --servers)`;

function list(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter(Boolean);
}

function withBase(servers: ServerName[], base: string | undefined): ServerName[] {
  if (!base) return servers.filter((s) => s !== 'werkraum-base');
  return servers.includes('werkraum-base') ? servers : [...servers, 'werkraum-base'];
}

function serverList(s: string): ServerName[] {
  const names = list(s);
  for (const n of names) if (!(SERVER_NAMES as readonly string[]).includes(n)) throw new Error(`unknown server ${n}`);
  return names as ServerName[];
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      servers: { type: 'string' },
      n: { type: 'string' },
      reps: { type: 'string' },
      items: { type: 'string' },
      warmup: { type: 'string' },
      measure: { type: 'string' },
      drain: { type: 'string' },
      'edit-fraction': { type: 'string' },
      'gen-nice': { type: 'string' },
      'gen-procs': { type: 'string' },
      awareness: { type: 'string' },
      'quiet-wait': { type: 'string' },
      profile: { type: 'string' },
      out: { type: 'string' },
      base: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const awareness = values.awareness ?? 'own';
  if (awareness !== 'own' && awareness !== 'echo') throw new Error('--awareness is own or echo');
  const ns = values.n ? list(values.n).map(Number) : quick ? [50] : [50, 200, 500];
  if (ns.some((n) => !Number.isInteger(n) || n < 2)) throw new Error('--n needs integers ≥ 2');
  const sec = (v: string | undefined, quickDefault: number, fullDefault: number) => Math.round(Number(v ?? (quick ? quickDefault : fullDefault)) * 1000);
  return {
    quick,
    servers: withBase(values.servers ? serverList(values.servers) : [...DEFAULT_SERVERS], values.base),
    ns: [...ns].sort((a, b) => a - b),
    reps: Number(values.reps ?? 1),
    items: Number(values.items ?? 10_000),
    editFraction: Number(values['edit-fraction'] ?? 0.3),
    editPeriodMs: 1000,
    presencePeriodMs: 1000,
    warmupMs: sec(values.warmup, 3, 5),
    measureMs: sec(values.measure, 8, 20),
    drainMs: sec(values.drain, 3, 5),
    coldClients: Math.min(50, ns[0] ?? 50),
    connectBatch: 50,
    genNice: Number(values['gen-nice'] ?? 5),
    genProcs: Number(values['gen-procs'] ?? 2),
    awareness,
    quietWaitMs: Number(values['quiet-wait'] ?? (quick ? 20 : 120)) * 1000,
    quietBelowPct: 15,
    profile: values.profile ? serverList(values.profile) : [],
    out: values.out,
    base: values.base,
  };
}
