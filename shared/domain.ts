/** Domain vocabulary shared by client and server. German terms stay German (see docs). */

/** The three kinds of room Werkraum runs. */
export const SESSION_KINDS = ['bildungskonferenz', 'interfraktionelle_ag', 'arbeitsgruppe'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** A person's role inside one session. */
export const SESSION_ROLES = ['moderator', 'participant', 'observer'] as const;
export type SessionRole = (typeof SESSION_ROLES)[number];

/** Roles whose Yjs updates the server applies. Observers are read-only everywhere. */
export function canEdit(role: SessionRole): boolean {
  return role === 'moderator' || role === 'participant';
}

/**
 * Join codes use only characters that cannot be confused when read from a projector or typed on
 * a phone: no 0/O, 1/I/L, no lower case. 6 characters from 31 give ~8.9·10^8 codes.
 */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;
export const OBSERVER_CODE_LENGTH = 10;

/** Normalises what a person typed as a join code: upper case, spaces and dashes removed. */
export function normalizeJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** True when the string consists only of join-code characters. */
export function isJoinCodeShaped(code: string, length: number): boolean {
  if (code.length !== length) return false;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return false;
  return true;
}

/** Formats a join code for display, e.g. `ABC-DEF`. */
export function formatJoinCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)}-${code.slice(3)}` : code;
}

/**
 * Session templates offered when a session is created. Each decides which working documents the
 * room shows, in order (the notes are always there).
 */
export const SESSION_TEMPLATES = ['steuerungskreislauf', 'swot', 'priorities', 'goals', 'actions', 'gesamtkonzept'] as const;
export type SessionTemplate = (typeof SESSION_TEMPLATES)[number];
export const DEFAULT_SESSION_TEMPLATE: SessionTemplate = 'steuerungskreislauf';

/** The boards of a template: the full steering cycle, a single board, or the Gesamtkonzept canvas. */
export function templateBoards(template: SessionTemplate): ('swot' | 'priorities' | 'goals' | 'actions' | 'canvas')[] {
  switch (template) {
    case 'steuerungskreislauf':
      return ['swot', 'priorities', 'goals', 'actions'];
    case 'gesamtkonzept':
      return ['canvas'];
    default:
      return [template];
  }
}
