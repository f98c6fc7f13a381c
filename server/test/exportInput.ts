/** What the export tests render: a draft's content in a fixed session, time and set of addresses. */
import type { DecisionContent } from '../../shared/decision';
import type { DecisionExportInput } from '../decisions/exports/decisionDocument';

export const decisionExportInput = (content: DecisionContent): DecisionExportInput => ({
  draftId: 'd1',
  reference: 'LK-2026-001',
  status: 'entwurf',
  session: { id: 's1', title: 'Bildungskonferenz Übergang Schule–Beruf', kind: 'bildungskonferenz', date: '2026-11-26' },
  version: null,
  content,
  decision: null,
  generatedAt: '2026-11-27T10:00:00.000Z',
  urls: { base: 'https://werkraum.example', draft: 'https://werkraum.example/d/d1', paper: 'https://werkraum.example/p/d1', pdf: 'https://werkraum.example/p/d1.pdf' },
});
