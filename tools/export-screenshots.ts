/**
 * `npm run screenshots:exports`: page 1 of the Beschlussvorlage as DOCX (opened by LibreOffice) and
 * as Werkraum's own PDF, rendered from the large realistic draft the export tests use, into
 * docs/screenshots/ for the README. Needs LibreOffice (soffice) and poppler (pdftoppm).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderExport } from '../server/decisions/exports/render';
import { decisionExportInput } from '../server/test/exportInput';
import { largeContent } from '../server/test/largeDraft';

const dir = mkdtempSync(join(tmpdir(), 'werkraum-shots-'));
try {
  const input = decisionExportInput(largeContent());
  writeFileSync(join(dir, 'vorlage.docx'), await renderExport({ kind: 'decision', format: 'docx', input }));
  writeFileSync(join(dir, 'own.pdf'), await renderExport({ kind: 'decision', format: 'pdf', input }));
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'vorlage.docx')], { stdio: 'pipe' });
  mkdirSync('docs/screenshots', { recursive: true });
  for (const [pdf, name] of [
    ['vorlage.pdf', 'beschlussvorlage-docx'],
    ['own.pdf', 'beschlussvorlage-pdf'],
  ] as const) {
    execFileSync('pdftoppm', ['-png', '-f', '1', '-l', '1', '-r', '70', '-singlefile', join(dir, pdf), join(dir, name)]);
    copyFileSync(join(dir, `${name}.png`), join('docs/screenshots', `${name}.png`));
    console.log(`docs/screenshots/${name}.png`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
