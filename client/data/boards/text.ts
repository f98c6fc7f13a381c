/** Lower-cased, accent-folded text for matching ("Schüler" finds "schuler" and "SCHÜLER"). */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
