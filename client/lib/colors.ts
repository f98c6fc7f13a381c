/**
 * Presence colours. Each colour is a 6-digit hex (the caret extension accepts nothing else) and
 * reaches at least 4.5:1 contrast against white, because caret labels show white names on it.
 */
export const PRESENCE_PALETTE = [
  '#1A3DA5', // blue (KERN action colour)
  '#A3195B', // magenta
  '#00695C', // teal
  '#8F4700', // brown-orange
  '#5B2A9E', // violet
  '#B3261E', // red
  '#00617F', // petrol
  '#4D5B00', // olive
] as const;

/** A stable colour for a person: the same id always gets the same colour. */
export function colorFor(id: string): string {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  const idx = (h >>> 0) % PRESENCE_PALETTE.length;
  return PRESENCE_PALETTE[idx] ?? PRESENCE_PALETTE[0];
}
