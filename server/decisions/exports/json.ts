/**
 * The versioned JSON export of a decision draft (docs/decision-draft.schema.json). `content` is the
 * version's content exactly as hashed, so `sha256(canonicalJson(content))` equals
 * `version.contentHash` for anyone who wants to verify it.
 */
import { DECISION_JSON_FORMAT, DECISION_JSON_VERSION, type DecisionContent, type DecisionRecord, type DecisionVersionMeta, type DraftStatus } from '../../../shared/decision';
import type { SessionKind } from '../../../shared/domain';
import type { DecisionExportInput } from './decisionDocument';

export interface DecisionJsonExport {
  format: typeof DECISION_JSON_FORMAT;
  formatVersion: typeof DECISION_JSON_VERSION;
  generatedAt: string;
  draft: { id: string; reference: string; status: DraftStatus; url: string; session: { id: string; title: string; kind: SessionKind; date: string } };
  version: DecisionVersionMeta | null;
  decision: DecisionRecord | null;
  content: DecisionContent;
}

export function decisionJson(input: DecisionExportInput): DecisionJsonExport {
  return {
    format: DECISION_JSON_FORMAT,
    formatVersion: DECISION_JSON_VERSION,
    generatedAt: input.generatedAt,
    draft: { id: input.draftId, reference: input.reference, status: input.status, url: input.urls.draft, session: input.session },
    version: input.version,
    decision: input.decision,
    content: input.content,
  };
}
