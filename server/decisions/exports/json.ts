/**
 * The versioned JSON export of a decision draft (docs/decision-draft.schema.json). `content` is the
 * version's content exactly as hashed, so `sha256(canonicalJson(content))` equals
 * `version.contentHash` for anyone who wants to verify it — with one exception: a link target
 * other than http, https or mailto (`shared/links.ts`) is never exported. The rich-text reader
 * drops such targets, so versions frozen by this server hold none; should an older version hold
 * one, its link mark is left out here (the text stays), and that export no longer hashes to the
 * version's `contentHash`.
 */
import { DECISION_JSON_FORMAT, DECISION_JSON_VERSION, PROSE_FIELDS, type DecisionContent, type DecisionRecord, type DecisionVersionMeta, type DraftStatus } from '../../../shared/decision';
import type { SessionKind } from '../../../shared/domain';
import { safeLinkTarget } from '../../../shared/links';
import type { RichDoc } from '../../../shared/richText';
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

/** Prose with every link mark whose target `safeLinkTarget` refuses left out (the text stays). */
export function withSafeLinks(doc: RichDoc): RichDoc {
  let removed = false;
  const copy = JSON.parse(JSON.stringify(doc), (key, value: unknown) => {
    if (key !== 'marks' || !Array.isArray(value)) return value;
    const kept = value.filter((m: { type?: unknown; attrs?: { href?: unknown } }) => m?.type !== 'link' || safeLinkTarget(m.attrs?.href) !== null);
    if (kept.length === value.length) return value;
    removed = true;
    return kept.length > 0 ? kept : undefined;
  }) as RichDoc;
  return removed ? copy : doc;
}

export function decisionJson(input: DecisionExportInput): DecisionJsonExport {
  const content = { ...input.content };
  for (const field of PROSE_FIELDS) content[field] = withSafeLinks(content[field]);
  return {
    format: DECISION_JSON_FORMAT,
    formatVersion: DECISION_JSON_VERSION,
    generatedAt: input.generatedAt,
    draft: { id: input.draftId, reference: input.reference, status: input.status, url: input.urls.draft, session: input.session },
    version: input.version,
    decision: input.decision,
    content,
  };
}
