/**
 * The PDF files as poppler reads them: the bytes the real renderer produces are checked with
 * `pdftotext`, `pdffonts` and `pdfinfo` (every symbol the texts hold is extracted, the fallback
 * font is embedded, title metadata) and in their raw objects (/Lang, link annotations, bookmarks).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DecisionContent } from '../../../shared/decision';
import { completeContent, testGoal } from '../../../shared/decisionTestkit';
import type { RichDoc } from '../../../shared/richText';
import { tempDir } from '../../test/harness';
import { buildDecisionDocument } from './decisionDocument';
import { boundModel } from './model';
import { glyphRuns } from './pdf';
import type { ProtokollInput } from './protokollDocument';
import { renderExport } from './render';
import { decisionExportInput } from '../../test/exportInput';

const PEOPLE = ['Ayşe Yılmaz-Doğan', 'Łukasz Wróbel', 'Çağrı Şahin'];
/** Characters KERN's Noto Sans lacks, and Latin Extended-A letters it has. */
const SYMBOLS = ['≥', '≤', '≈', '✓', '→'];
const LETTERS = ['ğ', 'ş', 'Ł'];

function poppler(tool: string, bytes: Buffer, ...args: string[]): string {
  const file = join(tempDir('werkraum-pdf-'), 'x.pdf');
  writeFileSync(file, bytes);
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}

type Inline = { type: 'text'; text: string; marks?: { type: string; attrs?: Record<string, unknown> }[] };
const paragraph = (...content: Inline[]) => ({ type: 'paragraph', content });
const t = (text: string, ...marks: NonNullable<Inline['marks']>): Inline => ({ type: 'text', text, ...(marks.length > 0 ? { marks } : {}) });

function content(): DecisionContent {
  const c = completeContent();
  c.title = 'Übergang Schule–Beruf: Zielwert ≥ 70 %';
  c.sachverhalt = {
    type: 'doc',
    content: [
      paragraph(t(`Die Bildungskonferenz hat unter Leitung von ${PEOPLE[0]} beraten: Zielwert ≥ 70 %, Abbrüche ≤ 5 %.`)),
      paragraph(t('Fett ≈ 12 Schulen', { type: 'bold' }), t(', kursiv ✓ geprüft', { type: 'italic' }), t(', Quote 61,5 % → 70 %.')),
      paragraph(
        t('Quelle: '),
        t('Schulstatistik → IT.NRW', { type: 'link', attrs: { href: 'https://www.it.nrw/statistik' } }),
        t(' und '),
        t('kein Ziel', { type: 'link', attrs: { href: 'javascript:alert(1)' } }),
      ),
    ],
  } as RichDoc;
  c.goals = [testGoal({ title: 'Übergänge ✓ sichern → Ausbildung', owner: PEOPLE[1]! }), testGoal({ id: 'g2', title: 'Abbrüche ≤ 5 %', owner: PEOPLE[2]! })];
  return c;
}

const decisionInput = decisionExportInput;

const protokollInput = (): ProtokollInput => ({
  session: { id: 's1', title: 'Übergang Schule–Beruf', kind: 'bildungskonferenz', date: '2026-11-26' },
  generatedAt: '2026-11-27T10:00:00.000Z',
  agenda: [],
  notes: { type: 'doc', content: [paragraph(t(`${PEOPLE[2]} eröffnet die Konferenz ✓`))] } as RichDoc,
  swot: [],
  priorities: [],
  goals: [
    {
      depth: 0,
      level: 'strategisch',
      title: 'Übergangsquote erhöhen',
      owner: PEOPLE[1]!,
      zielfeld: 'wirkungen',
      indicators: [{ id: 'i1', order: 'a0', name: 'Übergangsquote', unit: '%', baseline: 61.5, target: 70, deadline: '2028-07-31', dataSource: 'IT.NRW' }],
    },
  ],
  actions: [],
  canvas: [],
  rounds: [],
  cancelledRounds: 0,
  participation: { people: 3, byActorGroup: [], withoutGroup: 3, observers: 0, maxVoters: 3 },
  drafts: [],
});

/** A PDF string (literal or hex) decoded; pdfkit writes non-ASCII text as UTF-16BE with a byte order mark. */
function pdfString(raw: string): string {
  const bytes = raw.startsWith('<')
    ? Buffer.from(raw.slice(1, -1), 'hex')
    : Buffer.from(
        raw.slice(1, -1).replace(/\\([0-7]{1,3}|[nrtbf()\\])/g, (_, e: string) =>
          /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : (({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }) as Record<string, string>)[e] ?? e,
        ),
        'latin1',
      );
  return bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : bytes.toString('latin1');
}

const STRING = /(\((?:\\.|[^\\)])*\)|<[0-9a-fA-F]*>)/;

/** The PDF's objects by number (pdfkit writes dictionaries uncompressed). */
// An object's dictionary, never reaching past its own `endobj` (a stream object has none of its own).
const objectsOf = (pdf: string) => new Map([...pdf.matchAll(/(\d+) 0 obj\s*<<((?:(?!endobj)[\s\S])*?)>>\s*endobj/g)].map((m) => [Number(m[1]), m[2]!]));
const ref = (body: string, key: string) => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(body);
  return m ? Number(m[1]) : null;
};

/** The outline (bookmarks) as a tree walked from the catalog: titles with their children. */
interface OutlineItem {
  title: string;
  children: OutlineItem[];
}
function outlineTree(pdf: string): OutlineItem[] {
  const objects = objectsOf(pdf);
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o))!;
  const children = (parent: number | null): OutlineItem[] => {
    const items: OutlineItem[] = [];
    for (let id = parent === null ? null : ref(objects.get(parent)!, 'First'); id !== null; id = ref(objects.get(id)!, 'Next')) {
      const body = objects.get(id)!;
      items.push({ title: pdfString(new RegExp(`/Title ${STRING.source}`).exec(body)![1]!), children: children(id) });
    }
    return items;
  };
  return children(ref(catalog, 'Outlines'));
}

describe('glyphRuns', () => {
  it('keeps text Noto Sans can set as it is and puts only the missing characters into DejaVu Sans', () => {
    expect(glyphRuns('Übergang Schule–Beruf, Łukasz Şahin')).toBe('Übergang Schule–Beruf, Łukasz Şahin');
    expect(glyphRuns('Zielwert ≥ 70 %')).toEqual(['Zielwert ', { text: '≥', font: 'DejaVuSans' }, ' 70 %']);
    expect(glyphRuns('61,5 % → 70 %', true, true)).toEqual(['61,5 % ', { text: '→', font: 'DejaVuSans' }, ' 70 %']);
    expect(glyphRuns('✓≈≤')).toEqual([{ text: '✓≈≤', font: 'DejaVuSans' }]);
    // A character neither font has (private use area) stays in Noto Sans.
    expect(glyphRuns('a\ue000b ✓')).toEqual(['a\ue000b ', { text: '✓', font: 'DejaVuSans' }]);
  });
});

describe('PDF for publication', () => {
  it('Beschlussvorlage: every symbol and name extracted, DejaVu Sans embedded next to Noto Sans, metadata, /Lang, links, bookmarks', async () => {
    const c = content();
    const input = decisionInput(c);
    const bytes = await renderExport({ kind: 'decision', format: 'pdf', input });

    // In reading order, line breaks as blanks.
    const text = poppler('pdftotext', bytes, '-raw').replace(/\s+/g, ' ');
    for (const ch of [...SYMBOLS, ...LETTERS]) expect(text, ch).toContain(ch);
    expect(text).toContain('Zielwert ≥ 70 %, Abbrüche ≤ 5 %');
    expect(text).toContain('Quote 61,5 % → 70 %');
    expect(text).toContain('Fett ≈ 12 Schulen, kursiv ✓ geprüft');
    for (const name of PEOPLE) expect(text).toContain(name);
    expect(text).not.toContain('\ufffd');

    // Noto Sans and the DejaVu Sans cuts used (regular, bold, oblique), all embedded subsets.
    const fonts = poppler('pdffonts', bytes)
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '')
      .map((l) => l.split(/\s+/));
    const byName = new Map(fonts.map((f) => [f[0]!.replace(/^[A-Z]{6}\+/, ''), f]));
    for (const name of ['NotoSans-Regular', 'NotoSans-Bold', 'DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique']) {
      const row = byName.get(name);
      expect(row, name).toBeDefined();
      expect(row![0]).toMatch(/^[A-Z]{6}\+/);
      // type "CID TrueType", encoding, then emb and sub.
      expect(row!.slice(4, 6)).toEqual(['yes', 'yes']);
    }

    const info = poppler('pdfinfo', bytes);
    expect(info).toMatch(new RegExp(`^Title: +${c.title}$`, 'm'));
    expect(info).toMatch(/^Subject: +Beschlussvorlage LK-2026-001$/m);
    expect(info).toMatch(/^Keywords: +.*LK-2026-001/m);
    expect(info).toMatch(/^Author: +Werkraum$/m);

    const raw = bytes.toString('latin1');
    expect(raw).toMatch(/\/Lang \(de-DE\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    // The safe link is a URI link annotation (one per line piece it spans); the unsafe one is not.
    const objects = objectsOf(raw);
    const links = [...objects.values()]
      .filter((o) => /\/Type \/Annot/.test(o) && /\/Subtype \/Link/.test(o))
      .map((o) => objects.get(ref(o, 'A') ?? -1) ?? '')
      .map((action) => {
        expect(action).toMatch(/\/S \/URI/);
        return pdfString(new RegExp(`/URI ${STRING.source}`).exec(action)![1]!);
      });
    expect(links.length).toBeGreaterThan(0);
    // The prose's link and the Anlage's link in the Anlagenverzeichnis.
    expect(new Set(links)).toEqual(new Set(['https://www.it.nrw/statistik', 'https://example.org/zielbaum.pdf']));
    expect(raw).not.toContain('javascript:');
    expect(text).toContain('kein Ziel');

    // Bookmarks: every heading 1 and 2 of the model, headings 2 under the heading 1 before them.
    const model = boundModel(buildDecisionDocument(input));
    const headings = model.blocks.flatMap((b) => (b.kind === 'heading' && b.level < 3 ? [b] : []));
    expect(headings.filter((b) => b.level === 1).length).toBeGreaterThan(3);
    const expected: OutlineItem[] = [];
    for (const b of headings) {
      if (b.level === 1 || expected.length === 0) expected.push({ title: b.text, children: [] });
      else expected.at(-1)!.children.push({ title: b.text, children: [] });
    }
    expect(expected.some((e) => e.children.length > 0)).toBe(true);
    expect(outlineTree(raw)).toEqual(expected);
    expect(raw).toMatch(/\/PageMode \/UseOutlines/);
  });

  it('Protokoll: the indicators\u2019 arrow and the names are extracted, the title is the metadata title', async () => {
    const bytes = await renderExport({ kind: 'protokoll', format: 'pdf', input: protokollInput() });
    const text = poppler('pdftotext', bytes, '-raw');
    expect(text).toMatch(/61,5\s%\s→\s70\s%/);
    expect(text).toContain('✓');
    for (const name of PEOPLE.slice(1)) expect(text).toContain(name);
    expect(poppler('pdffonts', bytes)).toMatch(/[A-Z]{6}\+DejaVuSans\s/);
    expect(poppler('pdfinfo', bytes)).toMatch(/^Title: +Übergang Schule–Beruf$/m);
    expect(bytes.toString('latin1')).toMatch(/\/Lang \(de-DE\)/);
  });
});
