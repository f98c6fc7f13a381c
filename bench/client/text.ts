/**
 * Deterministic, realistic German text for the seeded boards: the same seed gives every checkout
 * of a run (and every run) the same content, so the boards differ only in the code that shows them.
 */

/** A small, fast seeded PRNG (mulberry32): numbers in [0, 1). */
export type Rng = () => number;

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: Rng, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

export function int(r: Rng, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

const SUBJECTS = [
  'Die Ganztagsangebote an den Grundschulen',
  'Die Schulsozialarbeit im Landkreis',
  'Das regionale Bildungsmonitoring',
  'Die Kooperation zwischen Kita und Grundschule',
  'Der Übergang von der Schule in den Beruf',
  'Die Jugendberufsagentur',
  'Die Volkshochschule',
  'Das Netzwerk der Familienzentren',
  'Die Sprachförderung in den Kitas',
  'Die digitale Ausstattung der Schulen',
  'Die Elternarbeit in den Stadtteilen',
  'Die Bildungskoordination für Neuzugewanderte',
  'Das Angebot an Ausbildungsplätzen',
  'Die Zusammenarbeit mit den Kammern',
  'Die inklusive Beschulung',
  'Die Ferienbetreuung',
  'Die kulturelle Bildung im ländlichen Raum',
  'Das Übergangsmanagement Kita–Schule',
  'Die Lernförderung im Rahmen von BuT',
  'Die Schulwegsicherheit',
];

const PREDICATES = [
  'ist in den letzten drei Jahren deutlich ausgebaut worden',
  'wird von den Eltern sehr gut angenommen',
  'erreicht benachteiligte Familien bisher kaum',
  'hängt stark von befristeten Fördermitteln ab',
  'ist zwischen den Ämtern nicht ausreichend abgestimmt',
  'leidet unter dem Fachkräftemangel',
  'bietet verlässliche Ansprechpersonen vor Ort',
  'ist im Sozialraum Nord noch lückenhaft',
  'profitiert vom neuen Bundesprogramm Startchancen',
  'wird durch steigende Schülerzahlen unter Druck gesetzt',
  'ist seit der Pandemie wieder stabil',
  'braucht eine gemeinsame Datengrundlage',
  'wird von den Trägern sehr unterschiedlich umgesetzt',
  'ist ein Schwerpunkt der Bildungskonferenz',
  'kann mit dem Rechtsanspruch ab 2026 nicht Schritt halten',
];

const ADDITIONS = [
  'vor allem in den Ortsteilen ohne eigene Schule',
  'laut Bildungsbericht 2025',
  'nach Einschätzung der Schulleitungen',
  'insbesondere für Kinder mit Förderbedarf',
  'obwohl die Nachfrage weiter steigt',
  'was die Planung für die Träger erschwert',
  'wie die Befragung der Jugendlichen zeigt',
  'und sollte im Lenkungskreis beraten werden',
  'trotz guter Erfahrungen in den Pilotschulen',
  'im Vergleich mit den Nachbarkreisen',
  'bei gleichbleibendem Personalschlüssel',
  'so die Rückmeldung aus dem Jugendhilfeausschuss',
];

/** One sentence. */
export function sentence(r: Rng): string {
  const parts = [pick(r, SUBJECTS), pick(r, PREDICATES)];
  if (r() < 0.6) parts.push(pick(r, ADDITIONS));
  return `${parts.join(' ')}.`;
}

/** A card text of `min`–`max` characters (whole words, ends with a full stop). */
export function cardText(r: Rng, min = 40, max = 200): string {
  const target = int(r, min, max);
  let text = sentence(r);
  while (text.length < target) text += ` ${sentence(r)}`;
  if (text.length <= max) return text;
  // Cut at a word boundary at or below max, then make it a sentence again.
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const words = (space > min ? cut.slice(0, space) : cut).replace(/[,.;:–-]+$/, '');
  return `${words}.`;
}

/** A short title (a topic, a goal): 3–8 words. */
export function title(r: Rng): string {
  const topics = [
    'Ganztag an Grundschulen ausbauen',
    'Übergang Schule–Beruf verbessern',
    'Sprachförderung von Anfang an',
    'Schulsozialarbeit verstetigen',
    'Bildungsmonitoring weiterentwickeln',
    'Elternbeteiligung in den Stadtteilen stärken',
    'Fachkräfte für Kitas gewinnen',
    'Digitale Bildung an allen Schulen',
    'Inklusion in Kita und Schule',
    'Kulturelle Bildung im ländlichen Raum',
    'Zugewanderte Jugendliche begleiten',
    'Lebenslanges Lernen an der Volkshochschule',
    'Ausbildungsplätze in der Region sichern',
    'Familienzentren vernetzen',
  ];
  const places = ['im Landkreis', 'in der Stadt', 'im Sozialraum Nord', 'im Sozialraum Süd', 'in den Ortsteilen', ''];
  const t = `${pick(r, topics)} ${pick(r, places)}`.trim();
  return t;
}

/** Evidence figures (Bildungsmonitoring) as a SWOT card may carry them. */
export function evidence(r: Rng): { indicator: string; value: number; unit: string; year: number; source: string } {
  const list = [
    { indicator: 'Betreuungsquote unter 3 Jahren', unit: '%', min: 20, max: 60, source: 'Statistisches Landesamt' },
    { indicator: 'Schulabgänge ohne Abschluss', unit: '%', min: 3, max: 12, source: 'Bildungsbericht des Kreises' },
    { indicator: 'Plätze im offenen Ganztag', unit: 'Plätze', min: 200, max: 2400, source: 'Schulverwaltungsamt' },
    { indicator: 'Sprachförderbedarf bei der Einschulung', unit: '%', min: 10, max: 45, source: 'Schuleingangsuntersuchung' },
    { indicator: 'Unversorgte Bewerberinnen und Bewerber', unit: 'Personen', min: 20, max: 300, source: 'Bundesagentur für Arbeit' },
  ];
  const e = pick(r, list);
  const value = e.unit === '%' ? Math.round((e.min + r() * (e.max - e.min)) * 10) / 10 : int(r, e.min, e.max);
  return { indicator: e.indicator, value, unit: e.unit, year: int(r, 2021, 2025), source: e.source };
}

/**
 * The 60 characters typed into a card while typing is measured. ASCII only: Playwright types a
 * character without a key on the US layout (ä, ß) as inserted text, without key events.
 */
export const TYPED_TEXT = ' Schulsozialarbeit an allen Grundschulen des Kreises sichern';
