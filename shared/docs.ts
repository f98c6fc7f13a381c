/**
 * Names of the Yjs documents of a session. One document per concern, so the server can grant,
 * lock and check permissions per document. A shared document is `<sessionId>:<kind>`; a private
 * one, which only its owner may open, is `<sessionId>:<kind>:<participantId>`. Names contain only
 * URL-safe characters, so they can be used as the y-websocket room name as they are.
 * `decisions` holds the session's co-edited decision drafts (one document for all of them, see
 * `schema/decisions.ts`).
 */
export const DOC_KINDS = ['notes', 'swot', 'priorities', 'goals', 'actions', 'canvas', 'decisions'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/**
 * Per-person documents. `drafts` holds the SWOT cards someone is still writing privately: the
 * server never sends them to anybody else until they are published into the `swot` document.
 */
export const PRIVATE_DOC_KINDS = ['drafts'] as const;
export type PrivateDocKind = (typeof PRIVATE_DOC_KINDS)[number];
export type AnyDocKind = DocKind | PrivateDocKind;

/** The four working boards of the steering cycle, one document each (see `schema/`). */
export const BOARD_KINDS = ['swot', 'priorities', 'goals', 'actions'] as const satisfies readonly DocKind[];
export type BoardKind = (typeof BOARD_KINDS)[number];

const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const PARTICIPANT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function docName(sessionId: string, kind: DocKind): string {
  return `${sessionId}:${kind}`;
}

export function privateDocName(sessionId: string, kind: PrivateDocKind, participantId: string): string {
  return `${sessionId}:${kind}:${participantId}`;
}

/**
 * A parallel table's copy of a board (see `Table` in moderationState.ts):
 * `<sessionId>:table:<tableId>:<boardKind>`. It is a board document of that kind in every other
 * respect (rules, migrations); who may write it is decided by the table's membership.
 */
export function tableDocName(sessionId: string, tableId: string, kind: BoardKind): string {
  return `${sessionId}:table:${tableId}:${kind}`;
}

export type ParsedDocName =
  | { sessionId: string; kind: DocKind; owner?: undefined; table?: undefined }
  | { sessionId: string; kind: PrivateDocKind; owner: string; table?: undefined }
  | { sessionId: string; kind: BoardKind; owner?: undefined; table: string };

const TABLE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Parses a document name; returns undefined for anything Werkraum does not know. */
export function parseDocName(name: string): ParsedDocName | undefined {
  const parts = name.split(':');
  const [sessionId, kind, owner] = parts as [string, string, string | undefined];
  if (!SESSION_ID_PATTERN.test(sessionId ?? '')) return undefined;
  if (parts.length === 2 && (DOC_KINDS as readonly string[]).includes(kind)) return { sessionId, kind: kind as DocKind };
  if (parts.length === 3 && (PRIVATE_DOC_KINDS as readonly string[]).includes(kind) && PARTICIPANT_ID_PATTERN.test(owner ?? '')) {
    return { sessionId, kind: kind as PrivateDocKind, owner: owner! };
  }
  if (parts.length === 4 && kind === 'table' && TABLE_ID_PATTERN.test(owner ?? '') && (BOARD_KINDS as readonly string[]).includes(parts[3]!)) {
    return { sessionId, kind: parts[3] as BoardKind, table: owner! };
  }
  return undefined;
}

/** All document names of a session, keyed by kind (as returned by the join API). */
export function sessionDocNames(sessionId: string): Record<DocKind, string> {
  const out = {} as Record<DocKind, string>;
  for (const kind of DOC_KINDS) out[kind] = docName(sessionId, kind);
  return out;
}

/** The private document names of one participant, keyed by kind. */
export function participantDocNames(sessionId: string, participantId: string): Record<PrivateDocKind, string> {
  const out = {} as Record<PrivateDocKind, string>;
  for (const kind of PRIVATE_DOC_KINDS) out[kind] = privateDocName(sessionId, kind, participantId);
  return out;
}
