import { parseArgs } from 'node:util';
import { QUICK_SCENARIOS, SCENARIOS, scenarioById } from './scenarios';

export interface ClientBenchOptions {
  quick: boolean;
  scenarios: string[];
  /** Another checkout measured in the same run (its client built and its server started too). */
  base: string | undefined;
  build: boolean;
  /** Fresh contexts that open each board (open time: the median). */
  openReps: number;
  /** Typing runs of 60 characters per scenario (pooled). */
  typingReps: number;
  /** Before each measurement, wait (at most this long) until other processes use < quietBelowPct CPU. */
  quietWaitMs: number;
  quietBelowPct: number;
  /** Generous: a 1,000-card board took 28 s to open on the quiet machine, 146 s at load average 30. */
  timeoutMs: number;
  out: string | undefined;
  /** Write a V8 CPU profile of each scenario's first open into this folder (summarise with bench/profile-summary.ts). */
  profileDir: string | undefined;
}

const HELP = `npm run bench:client -- [options]
  --quick              ~2-minute smoke run: ${QUICK_SCENARIOS.join(', ')}, one repetition
  --scenarios a,b      select scenarios (default: all):
${SCENARIOS.map((s) => `                         ${s.id.padEnd(20)} ${s.what}`).join('\n')}
  --base DIR           also measure the checkout DIR (e.g. /work/main, or a git worktree of the
                       commit before a change; it needs node_modules), in the same run
  --no-build           use the existing dist/client of each checkout instead of running vite build
  --reps N             fresh contexts that open each board (default 3, quick 1; the median counts)
  --typing-reps N      typing runs of 60 characters per scenario (default 2, quick 1; pooled)
  --quiet-wait S       seconds to wait before each measurement for other processes to calm down
                       (default 30, quick 10)
  --timeout S          per step (opening a board, seeding; default 600)
  --out FILE           results JSON (default bench/results/<timestamp>-client.json)
  --profile DIR        write a CPU profile of each scenario's first open to DIR
                       (readable names: build with \`npx vite build --minify false\`, then --no-build)`;

export function parseClientOptions(argv: string[]): ClientBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      scenarios: { type: 'string' },
      base: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      reps: { type: 'string' },
      'typing-reps': { type: 'string' },
      'quiet-wait': { type: 'string' },
      timeout: { type: 'string' },
      out: { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const scenarios = values.scenarios
    ? values.scenarios.split(',').map((x) => x.trim()).filter(Boolean)
    : quick
      ? QUICK_SCENARIOS
      : SCENARIOS.map((s) => s.id);
  for (const id of scenarios) scenarioById(id);
  const positive = (v: string | undefined, fallback: number, name: string) => {
    const n = Number(v ?? fallback);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a whole number ≥ 1`);
    return n;
  };
  return {
    quick,
    scenarios,
    base: values.base,
    build: !values['no-build'],
    openReps: positive(values.reps, quick ? 1 : 3, '--reps'),
    typingReps: positive(values['typing-reps'], quick ? 1 : 2, '--typing-reps'),
    quietWaitMs: Number(values['quiet-wait'] ?? (quick ? 10 : 30)) * 1000,
    quietBelowPct: 15,
    timeoutMs: positive(values.timeout, 600, '--timeout') * 1000,
    out: values.out,
    profileDir: values.profile,
  };
}
