import type { BenchClient } from './clients';
import { now, offsetMs } from './workload';

/**
 * Presence (awareness) once per period on an absolute schedule, as a moving cursor would send
 * it; missed beats are skipped rather than caught up. Returns a function that stops it.
 */
export function startPresence(c: BenchClient, index: number, periodMs: number): () => void {
  const offset = offsetMs(index, 2);
  let timer: NodeJS.Timeout | undefined;
  c.awareness.setLocalState({ user: { name: `Teilnehmer ${index}`, color: '#1565c0' }, cursor: null });
  const nextBeat = () => Math.floor((now() - offset) / periodMs + 1) * periodMs + offset;
  const tick = () => {
    c.awareness.setLocalStateField('cursor', { x: Math.round(Math.random() * 1600), y: Math.round(Math.random() * 900), t: Math.round(now()) });
    timer = setTimeout(tick, Math.max(0, nextBeat() - now()));
  };
  timer = setTimeout(tick, Math.max(0, nextBeat() - now()));
  return () => clearTimeout(timer);
}
