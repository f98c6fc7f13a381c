/**
 * "Folgen" follows changes, not places: the view moves only when the moderation *changes* the
 * current agenda item or its board while the page is open. Opening a link, reloading a page or
 * working in a decision draft never moves anybody. Pure functions, so the rules are tested
 * without a browser (followLogic.test.ts); useFollow.ts applies them.
 */
import type { DocKind } from '../../shared/docs';

/** Where the room shows a document (the decision drafts have an area of their own). */
export function followPath(sessionId: string, kind: DocKind): string {
  const base = `/s/${encodeURIComponent(sessionId)}`;
  if (kind === 'notes') return base;
  if (kind === 'decisions') return `${base}/beschluesse`;
  return `${base}/b/${kind}`;
}

/** The room itself, without a board or a draft: `/s/:id` (a trailing slash allowed). */
export function isBareRoomPath(sessionId: string, pathname: string): boolean {
  const base = `/s/${encodeURIComponent(sessionId)}`;
  return pathname === base || pathname === `${base}/`;
}

/** The decision drafts' area: someone there is working in (or reading) a draft. */
export function isDraftPath(sessionId: string, pathname: string): boolean {
  const base = `/s/${encodeURIComponent(sessionId)}/beschluesse`;
  return pathname === base || pathname.startsWith(`${base}/`);
}

/** Whether the view shows what the moderation is on (`target` from followPath). */
export function isInPlace(pathname: string, target: string): boolean {
  return pathname.replace(/\/+$/, '') === target.replace(/\/+$/, '');
}

export interface FollowInput {
  /** The item and board (`itemId:board`) seen before this state; undefined: this is the first state seen. */
  seen: string | null | undefined;
  /** The item and board the moderation is on now; null: no current item. */
  current: string | null;
  /** Where the current item is shown (followPath); null when there is none. */
  target: string | null;
  /** Where this view is. */
  pathname: string;
  /** "Folgen" is on. */
  follow: boolean;
  /** The page was opened at the bare room URL, not reloaded: a late joiner may land on the current item. */
  mayLand: boolean;
  /** The person is in the decision drafts: a change is announced, never followed. */
  inDraft: boolean;
}

export interface FollowStep {
  /** Where to go now; null: stay. */
  moveTo: string | null;
  /** The moderation changed the item or its board (not a first look at it). */
  changed: boolean;
  /** The change was not followed because the person works in a draft (show the way back instead). */
  heldBack: boolean;
}

/** What one session state means for the view. */
export function followStep(input: FollowInput): FollowStep {
  const { seen, current, target, pathname, follow, mayLand, inDraft } = input;
  const stay: FollowStep = { moveTo: null, changed: false, heldBack: false };
  if (current === null || target === null) return stay;
  if (seen === undefined) {
    // The first state this page sees: a reload or a link stays where it is; only someone who
    // opened the room itself (nothing specific) lands on the current item.
    return follow && mayLand && !isInPlace(pathname, target) ? { moveTo: target, changed: false, heldBack: false } : stay;
  }
  if (seen === current) return stay;
  if (!follow) return { moveTo: null, changed: true, heldBack: false };
  if (inDraft) return { moveTo: null, changed: true, heldBack: true };
  return { moveTo: isInPlace(pathname, target) ? null : target, changed: true, heldBack: false };
}

/**
 * Whether this page load was a reload of `pathname` (then it stays where it is, even on the bare
 * room URL). Reads the Navigation Timing entry of the document; false where there is none.
 */
export function wasReloadOf(pathname: string, entries: readonly { type?: string; name?: string }[]): boolean {
  const nav = entries[0];
  if (!nav || nav.type !== 'reload' || !nav.name) return false;
  try {
    return isInPlace(new URL(nav.name).pathname, pathname);
  } catch {
    return false;
  }
}
