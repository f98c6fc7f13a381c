/**
 * How busy the (shared) machine was while something was measured: the CPU that processes other
 * than ours used (ours = this process and all its descendants: servers, Chromium, the presence
 * process), and the load average.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { systemBusySeconds } from '../lib/proc';

let clkTck = 100;
try {
  clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // Linux's usual value.
}

interface Stat {
  ppid: number;
  /** utime + stime + cutime + cstime (reaped children included), seconds. */
  cpu: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / clkTck };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of this process and every descendant. A process that ended is counted in its
 * parent's reaped-children time, so a Chromium renderer closed between two readings is not lost.
 */
export function ownCpuSeconds(): number {
  const stats = new Map<number, Stat>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const st = readStat(pid);
    if (st) stats.set(pid, st);
  }
  const children = new Map<number, number[]>();
  for (const [pid, st] of stats) {
    const list = children.get(st.ppid) ?? [];
    list.push(pid);
    children.set(st.ppid, list);
  }
  let total = 0;
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += stats.get(pid)?.cpu ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export interface MachineWindow {
  /** CPU used by other processes, % of one core (the machine has two). */
  othersPct: number;
  /** CPU used by ours (server, browser, scripted clients, this process), % of one core. */
  oursPct: number;
  load1Start: number;
  load1End: number;
}

/** Starts a window; call the returned function at its end. */
export function machineWindow(): () => MachineWindow {
  const t0 = performance.now();
  const sys0 = systemBusySeconds();
  const own0 = ownCpuSeconds();
  const load1Start = loadavg()[0]!;
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const sys = systemBusySeconds() - sys0;
    const own = ownCpuSeconds() - own0;
    return {
      othersPct: seconds > 0 ? Math.max(0, ((sys - own) / seconds) * 100) : Number.NaN,
      oursPct: seconds > 0 ? (own / seconds) * 100 : Number.NaN,
      load1Start,
      load1End: loadavg()[0]!,
    };
  };
}

/** CPU % (of one core) used by other processes over `ms`. */
export async function othersPct(ms: number): Promise<number> {
  const end = machineWindow();
  await new Promise((r) => setTimeout(r, ms));
  return end().othersPct;
}
