/**
 * Summarizes a V8 .cpuprofile written by `npm run bench -- --profile <server>`:
 *   npx tsx bench/profile-summary.ts bench/results/profiles-…/werkraum-rep1.cpuprofile [top]
 * Prints self time per function, inclusive time of the functions that matter most, and the
 * longest uninterrupted busy stretches (what blocked the event loop).
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/profile-summary.ts FILE.cpuprofile [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (f: CallFrame) => {
  const short = f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/main\//, '');
  return `${f.functionName || '(anonymous)'} ${short}${f.url ? `:${f.lineNumber + 1}` : ''}`;
};
const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
let idle = 0;
let gc = 0;
// Busy stretches: consecutive samples that are not idle.
const stretches: { start: number; ms: number; stacks: Map<string, number> }[] = [];
let current: { start: number; ms: number; stacks: Map<string, number> } | null = null;
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i] ?? 0) / 1000;
  t += (profile.timeDeltas[i] ?? 0);
  const node = byId.get(profile.samples[i]!)!;
  const name = node.callFrame.functionName;
  total += dt;
  if (name === '(idle)') idle += dt;
  if (name === '(garbage collector)') gc += dt;
  const key = label(node.callFrame);
  self.set(key, (self.get(key) ?? 0) + dt);
  const seen = new Set<string>();
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const k = label(byId.get(id)!.callFrame);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
  }
  if (name === '(idle)') {
    if (current) stretches.push(current);
    current = null;
  } else {
    current ??= { start: t / 1000, ms: 0, stacks: new Map() };
    current.ms += dt;
    if (!IDLE.has(name)) current.stacks.set(key, (current.stacks.get(key) ?? 0) + dt);
  }
}
if (current) stretches.push(current);

const fmt = (ms: number) => `${ms.toFixed(0).padStart(7)} ms ${((ms / (total - idle)) * 100).toFixed(1).padStart(5)} %`;
console.log(`profile ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s; busy ${(total - idle).toFixed(0)} ms; GC ${gc.toFixed(0)} ms\n`);
console.log(`self time (share of busy time), top ${top}:`);
for (const [k, v] of [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${fmt(v)}  ${k}`);
console.log(`\ninclusive time, top ${top}:`);
for (const [k, v] of [...inclusive].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(root)')).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${fmt(v)}  ${k}`);
console.log('\nlongest busy stretches (event loop blocked), with their heaviest functions:');
for (const s of stretches.sort((a, b) => b.ms - a.ms).slice(0, 8)) {
  const heavy = [...s.stacks].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${v.toFixed(0)} ms`);
  console.log(`${s.ms.toFixed(0).padStart(6)} ms  ${heavy.join(' | ')}`);
}
