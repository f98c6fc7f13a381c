/**
 * Names of the Yjs documents of a session. One document per concern, so the server can grant,
 * lock and check permissions per document. A document name is `<sessionId>:<kind>`; it contains
 * only URL-safe characters, so it can be used as the y-websocket room name as it is.
 */
export const DOC_KINDS = ['notes', 'swot', 'priorities', 'goals', 'actions'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** The four working boards of the steering cycle, one document each (see `schema/`). */
export const BOARD_KINDS = ['swot', 'priorities', 'goals', 'actions'] as const satisfies readonly DocKind[];
export type BoardKind = (typeof BOARD_KINDS)[number];

const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function docName(sessionId: string, kind: DocKind): string {
  return `${sessionId}:${kind}`;
}

export interface ParsedDocName {
  sessionId: string;
  kind: DocKind;
}

/** Parses a document name; returns undefined for anything Werkraum does not know. */
export function parseDocName(name: string): ParsedDocName | undefined {
  const parts = name.split(':');
  if (parts.length !== 2) return undefined;
  const [sessionId, kind] = parts as [string, string];
  if (!SESSION_ID_PATTERN.test(sessionId)) return undefined;
  if (!(DOC_KINDS as readonly string[]).includes(kind)) return undefined;
  return { sessionId, kind: kind as DocKind };
}

/** All document names of a session, keyed by kind (as returned by the join API). */
export function sessionDocNames(sessionId: string): Record<DocKind, string> {
  const out = {} as Record<DocKind, string>;
  for (const kind of DOC_KINDS) out[kind] = docName(sessionId, kind);
  return out;
}
