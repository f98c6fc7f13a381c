/**
 * The exports as the consumers of a German administration read them: LibreOffice (headless)
 * converts the DOCX Beschlussvorlage, and poppler reads both that conversion and Werkraum's own
 * PDF — the sections in the order Kommunen write them, every special character and name of a
 * large realistic draft (13 goals, 37 indicators, 24 measures, 15 cost rows) on the page.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DECISION_FIELD_LABELS } from '../../../shared/decision';
import { richDocFromText } from '../../../shared/richText';
import { decisionExportInput } from '../../test/exportInput';
import { tempDir } from '../../test/harness';
import { largeContent, PEOPLE } from '../../test/largeDraft';
import { renderExport } from './render';

const dir = tempDir('werkraum-consumers-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The DOCX converted to PDF by LibreOffice, as an administration's office suite opens it. */
function libreOfficePdf(docx: Buffer): Buffer {
  const file = join(dir, 'vorlage.docx');
  writeFileSync(file, docx);
  // A profile of its own, so a desktop LibreOffice of the same user neither blocks nor is changed.
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'pipe', timeout: 120_000 });
  return readFileSync(join(dir, 'vorlage.pdf'));
}

function text(pdf: Buffer): string {
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(/\s+/g, ' ');
}

/** The headings of a Beschlussvorlage in the order Kommunen write them: the proposal first, internals last. */
const ORDER = [
  DECISION_FIELD_LABELS.betreff,
  DECISION_FIELD_LABELS.beratungsfolge,
  DECISION_FIELD_LABELS.beschlussvorschlag,
  DECISION_FIELD_LABELS.sachverhalt,
  DECISION_FIELD_LABELS.begruendung,
  DECISION_FIELD_LABELS.goals,
  DECISION_FIELD_LABELS.measures,
  DECISION_FIELD_LABELS.finanzielleAuswirkungen,
  DECISION_FIELD_LABELS.anlagen,
];

function expectInOrder(haystack: string, needles: readonly string[]): void {
  let from = 0;
  for (const n of needles) {
    const at = haystack.indexOf(n, from);
    expect(at, `"${n}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + n.length;
  }
}

describe('exports read by the consumers of an administration', () => {
  const content = largeContent();
  content.begruendung = richDocFromText('Zielwert ≥ 70 %, Quote 61,5 % → 70 %, „Übergang“ ✓ geprüft; Kosten ≈ 12.000 €.');
  const input = decisionExportInput(content);
  const special = ['≥', '→', '≈', '✓', 'ğ', 'ş', 'Ł', '€', '„', '“', '–'];

  it('LibreOffice converts the DOCX Beschlussvorlage: sections in order, every name and character', async () => {
    const docx = await renderExport({ kind: 'decision', format: 'docx', input });
    const converted = text(libreOfficePdf(docx));
    expectInOrder(converted, ORDER);
    for (const name of PEOPLE) expect(converted).toContain(name);
    for (const goal of content.goals) expect(converted).toContain(goal.title);
    for (const ch of special) expect(converted, ch).toContain(ch);
    expect(converted).not.toContain('\ufffd');
  }, 180_000);

  it('Werkraum’s own PDF: the same sections in the same order', async () => {
    const pdf = await renderExport({ kind: 'decision', format: 'pdf', input });
    const own = text(pdf);
    expectInOrder(own, ORDER);
    for (const name of PEOPLE) expect(own).toContain(name);
    for (const ch of special) expect(own, ch).toContain(ch);
  }, 60_000);
});
