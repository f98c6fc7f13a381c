// Event-loop lag probe, preloaded into every benchmarked server with
// NODE_OPTIONS=--import=<this file> (the servers' code is not touched). Every 10 ms a timer
// notes how late it fired; once a second the samples are appended as one JSON line to
// $BENCH_LAG_FILE. Plain JavaScript so that it loads before any TypeScript loader.
import { appendFileSync } from 'node:fs';

const file = process.env.BENCH_LAG_FILE;
if (file) {
  const intervalMs = 10;
  let last = performance.now();
  let samples = [];
  const tick = setInterval(() => {
    const t = performance.now();
    samples.push(Math.round(Math.max(0, t - last - intervalMs) * 100) / 100);
    last = t;
  }, intervalMs);
  tick.unref();
  const flush = setInterval(() => {
    appendFileSync(file, JSON.stringify({ t: performance.timeOrigin + performance.now(), s: samples }) + '\n');
    samples = [];
  }, 1000);
  flush.unref();
}

// Optional CPU profile of the whole server process (--cpu-prof is not allowed in NODE_OPTIONS):
// started here, written to $BENCH_CPU_PROF_FILE when the process exits.
const profFile = process.env.BENCH_CPU_PROF_FILE;
if (profFile) {
  const { Session } = await import('node:inspector');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(profFile, JSON.stringify(result.profile));
    });
  });
}
