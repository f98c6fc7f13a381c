/** CPU time and memory of a process from /proc (Linux), so each server is measured on its own. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { now } from './workload';

let clkTck: number | undefined;

function ticksPerSecond(): number {
  if (clkTck === undefined) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

/** utime + stime of a process in seconds (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after it are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / ticksPerSecond();
}

/** Busy CPU time of the whole machine in seconds (all cores: user, nice, system, irq, softirq, steal). */
export function systemBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / ticksPerSecond();
}

/** Pass as a pid to ProcSampler to sample the whole machine (CPU only). */
export const SYSTEM = 0;

/** Resident set size and its high-water mark, in MB (VmRSS / VmHWM of /proc/<pid>/status). */
export function memoryMb(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 'NaN');
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

export interface ProcSample {
  t: number;
  cpu: number;
  rss: number;
}

/** Samples CPU time and RSS of some processes once a second; windows are cut out afterwards. */
export class ProcSampler {
  private readonly samples = new Map<number, ProcSample[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly pids: number[], private readonly intervalMs = 1000) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Takes one sample now (also call it at a window's start and end for exact CPU deltas). */
  sample(): void {
    const t = now();
    for (const pid of this.pids) {
      try {
        const s = pid === SYSTEM ? { t, cpu: systemBusySeconds(), rss: 0 } : { t, cpu: cpuSeconds(pid), rss: memoryMb(pid).rss };
        let list = this.samples.get(pid);
        if (!list) this.samples.set(pid, (list = []));
        list.push(s);
      } catch {
        // the process has exited
      }
    }
  }

  /** CPU use (% of one core) and RSS (MB, mean and max) of a process between two times. */
  window(pid: number, from: number, to: number): { cpuPct: number; rssMean: number; rssMax: number } {
    const list = (this.samples.get(pid) ?? []).filter((s) => s.t >= from - 50 && s.t <= to + 50);
    const first = list[0];
    const last = list.at(-1);
    if (!first || !last || last.t === first.t) return { cpuPct: Number.NaN, rssMean: Number.NaN, rssMax: Number.NaN };
    const rss = list.map((s) => s.rss);
    return {
      cpuPct: ((last.cpu - first.cpu) / ((last.t - first.t) / 1000)) * 100,
      rssMean: rss.reduce((a, b) => a + b, 0) / rss.length,
      rssMax: Math.max(...rss),
    };
  }
}
