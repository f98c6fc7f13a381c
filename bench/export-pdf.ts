/**
 * `npx tsx bench/export-pdf.ts [--quick]`: CPU time of the PDF export of a realistic draft
 * (13 goals, 37 indicators, 24 measures, 15 cost rows, about ten pages of it), measured with process.cpuUsage around
 * the render in this process: the warm-up the export worker does when it starts, the first render
 * after the worker's preload (cold: code not yet optimised, caches empty) and the median of the
 * following ones (warm: a worker that has served exports before).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { warmUpPdf } from '../server/decisions/exports/pdf';
import { renderExport, type RenderRequest } from '../server/decisions/exports/render';
import { decisionExportInput } from '../server/test/exportInput';
import { tenPageContent } from '../server/test/largeDraft';

const quick = process.argv.includes('--quick');
const runs = quick ? 3 : 10;
const request: RenderRequest = { kind: 'decision', format: 'pdf', input: decisionExportInput(tenPageContent()) };

async function cpuMs(): Promise<{ ms: number; bytes: Buffer }> {
  const start = process.cpuUsage();
  const bytes = await renderExport(request);
  const used = process.cpuUsage(start);
  return { ms: (used.user + used.system) / 1000, bytes };
}

function pages(bytes: Buffer): number | null {
  const dir = mkdtempSync(join(tmpdir(), 'werkraum-bench-pdf-'));
  try {
    writeFileSync(join(dir, 'x.pdf'), bytes);
    const info = execFileSync('pdfinfo', [join(dir, 'x.pdf')], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// What the export worker does once when it starts (fonts read and parsed, a short document rendered).
const preloadStart = process.cpuUsage();
await warmUpPdf();
const preload = process.cpuUsage(preloadStart);
const cold = await cpuMs();
const warm: number[] = [];
for (let i = 0; i < runs; i++) warm.push((await cpuMs()).ms);
warm.sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)]!;
const row = { name: 'export: 10-page PDF CPU ms', pages: pages(cold.bytes), bytes: cold.bytes.byteLength, preloadMs: Math.round((preload.user + preload.system) / 1000), coldMs: Math.round(cold.ms), warmMedianMs: Math.round(median), warmMaxMs: Math.round(warm.at(-1)!) };
process.stdout.write(`${JSON.stringify(row)}\n`);
