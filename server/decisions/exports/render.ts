/**
 * Renders one export from plain data (no store, no sockets): used by the export worker thread,
 * and directly by tests. The OParl Paper arrives built (it describes the stored PDF).
 */
import type { DecisionExportFormat, ProtokollExportFormat } from '../../../shared/decisionApi';
import { buildDecisionDocument, type DecisionExportInput } from './decisionDocument';
import { renderDocx } from './docx';
import { decisionJson } from './json';
import { renderMarkdown } from './markdown';
import { boundModel } from './model';
import { renderPdf } from './pdf';
import { buildProtokollDocument, type ProtokollInput } from './protokollDocument';

export type RenderRequest =
  | { kind: 'decision'; format: DecisionExportFormat; input: DecisionExportInput }
  | { kind: 'protokoll'; format: ProtokollExportFormat; input: ProtokollInput };

export type Progress = (share: number, stage: string) => void;

const utf8 = (s: string) => Buffer.from(s, 'utf8');

export async function renderExport(req: RenderRequest, progress: Progress = () => undefined): Promise<Buffer> {
  progress(0.05, 'building');
  // Every format built from the document model renders a bounded one (model.ts, EXPORT_LIMITS).
  if (req.kind === 'protokoll') {
    const model = boundModel(buildProtokollDocument(req.input));
    progress(0.15, 'rendering');
    if (req.format === 'md') return utf8(renderMarkdown(model));
    return req.format === 'docx' ? renderDocx(model, (s) => progress(0.15 + 0.8 * s, 'rendering')) : renderPdf(model, (s) => progress(0.15 + 0.8 * s, 'rendering'));
  }
  const input = req.input;
  const model = () => boundModel(buildDecisionDocument(input));
  switch (req.format) {
    case 'json':
      return utf8(`${JSON.stringify(decisionJson(input), null, 2)}\n`);
    case 'md':
      return utf8(renderMarkdown(model()));
    case 'docx':
      return renderDocx(model(), (s) => progress(0.15 + 0.8 * s, 'rendering'));
    case 'pdf':
      return renderPdf(model(), (s) => progress(0.15 + 0.8 * s, 'rendering'));
    case 'oparl':
      // Built beforehand from the version's stored PDF (server/decisions/oparlCatalog.ts), so its
      // size and checksum describe the file served, not a render of its own.
      if (!input.oparlPaper) throw new Error('an OParl export needs the Paper built from the stored file');
      return utf8(`${JSON.stringify(input.oparlPaper, null, 2)}\n`);
  }
}
