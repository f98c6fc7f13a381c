/**
 * The client's estimate of the server clock. Each `session.ping` round trip gives one sample;
 * the sample with the shortest round trip bounds the error best (its answer was taken at most
 * RTT/2 away from the assumed midpoint), so that one wins. Pure, so it is unit-tested.
 */
import { clockOffset } from '../../../shared/moderationState';

export interface ClockSample {
  /** Server minus client, ms. */
  offsetMs: number;
  rttMs: number;
  /** Client time the answer arrived (to let old samples age out). */
  at: number;
}

/** How many recent samples are kept; older ones age out so a drifting clock is followed. */
export const CLOCK_SAMPLES_KEPT = 10;

export function sampleFromPing(clientSent: number, serverTime: number, clientReceived: number): ClockSample {
  return { offsetMs: clockOffset(clientSent, serverTime, clientReceived), rttMs: Math.max(0, clientReceived - clientSent), at: clientReceived };
}

/** Adds a sample, keeping the most recent `CLOCK_SAMPLES_KEPT`. */
export function addSample(samples: readonly ClockSample[], sample: ClockSample): ClockSample[] {
  return [...samples, sample].slice(-CLOCK_SAMPLES_KEPT);
}

/** The sample with the smallest round trip (the newest among equals), or null without samples. */
export function bestSample(samples: readonly ClockSample[]): ClockSample | null {
  let best: ClockSample | null = null;
  for (const s of samples) if (!best || s.rttMs < best.rttMs || (s.rttMs === best.rttMs && s.at > best.at)) best = s;
  return best;
}

/**
 * Remaining time as the clock shows it: whole seconds, rounded up, so "00:01" is shown until the
 * very end and "00:00" only once the time is really over.
 */
export function displaySeconds(remainingMs: number): number {
  return Math.max(0, Math.ceil(remainingMs / 1000));
}

/** `mm:ss` (minutes may exceed 59: `75:00`). */
export function formatClock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const minutes = Math.floor(s / 60);
  const seconds = s % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
