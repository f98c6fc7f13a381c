/**
 * Milestones of opening a room on the page's performance timeline (`werkraum:<name>`), read by the
 * browser benchmark (bench/client) and visible in any browser's performance panel. The first
 * occurrence of each name counts; later ones (reconnects, other documents) are not marked.
 */
const seen = new Set<string>();

export function perfMark(name: string): void {
  if (seen.has(name)) return;
  seen.add(name);
  try {
    performance.mark(`werkraum:${name}`);
  } catch {
    // No User Timing: nothing to record.
  }
}
