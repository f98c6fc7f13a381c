/**
 * "Folgen": the view follows the moderation's *changes*. When the moderation moves to another
 * agenda item (or gives the item another board) while the page is open, the room opens that
 * item's board (or the notes). Opening a link, reloading a page or working in a decision draft
 * never moves anybody: someone in the drafts hears of the change and gets "Zurück zur
 * Moderation" instead. Only someone who opened the room itself (`/s/:id`, not a reload) lands on
 * the current item. On by default, remembered per session and tab. The rules: ./followLogic.ts.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { followPath, followStep, isBareRoomPath, isDraftPath, isInPlace, wasReloadOf } from './followLogic';
import type { SessionState } from '../../shared/moderation';

const storageKey = (sessionId: string) => `werkraum.follow.${sessionId}`;
/** How long the visible note of a move stays (the live region has said it by then). */
const NOTE_MS = 20_000;

function storedFollow(sessionId: string): boolean {
  try {
    return sessionStorage.getItem(storageKey(sessionId)) !== 'off';
  } catch {
    return true;
  }
}

function navigationEntries(): readonly { type?: string; name?: string }[] {
  try {
    return performance.getEntriesByType('navigation') as unknown as { type?: string; name?: string }[];
  } catch {
    return [];
  }
}

export interface Follow {
  follow: boolean;
  setFollow: (on: boolean) => void;
  /** What the last change said (for a polite live region, shown too); empty when there is nothing new. */
  announcement: string;
  /** Counts announcements, so the same sentence twice is announced twice. */
  announcementSeq: number;
  /** Where the current agenda item is shown; null when the moderation is on no item. */
  target: string | null;
  /** The view shows what the moderation is on. */
  inPlace: boolean;
  /** "Zurück zur Moderation": opens the current item. */
  goToCurrent: () => void;
}

/** Follows `state` (the server's session state); `enabled: false` never navigates. */
export function useFollowModerator(sessionId: string, state: SessionState | null, enabled = true): Follow {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [follow, setFollowState] = useState(() => storedFollow(sessionId));
  const [note, setNote] = useState({ text: '', seq: 0 });
  // The item and board (`id:board`) of the last state seen; undefined until the first one.
  const seen = useRef<string | null | undefined>(undefined);
  // Where the view is now, read when following (not a reason to follow again).
  const pathRef = useRef(location.pathname);
  const searchRef = useRef(location.search);
  useLayoutEffect(() => {
    pathRef.current = location.pathname;
    searchRef.current = location.search;
  });

  const item = state?.agenda.find((i) => i.id === state.currentItemId);
  const key = item ? `${item.id}:${item.board}` : null;
  const target = item ? followPath(sessionId, item.board) : null;
  const title = item?.title;
  const hasState = state !== null;

  useEffect(() => {
    if (!enabled || !hasState) return;
    const pathname = pathRef.current;
    const step = followStep({
      seen: seen.current,
      current: key,
      target,
      pathname,
      follow,
      mayLand: isBareRoomPath(sessionId, pathname) && !wasReloadOf(pathname, navigationEntries()),
      inDraft: isDraftPath(sessionId, pathname),
    });
    seen.current = key;
    // No focus move: someone typing elsewhere is not pulled out of their field by surprise.
    if (step.moveTo) void navigate(`${step.moveTo}${searchRef.current}`);
    if (step.changed && follow && title !== undefined) {
      const text = step.heldBack ? t('moderation.follow.heldBack', { title }) : t('moderation.follow.moved', { title });
      setNote((n) => ({ text, seq: n.seq + 1 }));
    }
    // `follow` is read, not followed: turning it on jumps in setFollow, turning it off changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, hasState, key, target, title, sessionId, navigate, t]);

  // A round opening is the newer news: the room shows its notice, and the note of the move gives
  // way (on a phone both would push the round's card off the first screen).
  const roundIds = state?.rounds.map((r) => r.id).join(' ') ?? '';
  const seenRounds = useRef<string | null>(null);
  useEffect(() => {
    const before = seenRounds.current;
    seenRounds.current = roundIds;
    if (before === null || roundIds === '') return;
    const known = new Set(before.split(' '));
    if (roundIds.split(' ').some((id) => !known.has(id))) setNote((n) => (n.text ? { ...n, text: '' } : n));
  }, [roundIds]);

  // The visible note fades after a while; the live region has spoken.
  useEffect(() => {
    if (!note.text) return;
    const timer = setTimeout(() => setNote((n) => (n.seq === note.seq ? { ...n, text: '' } : n)), NOTE_MS);
    return () => clearTimeout(timer);
  }, [note]);

  const goToCurrent = useCallback(() => {
    if (target === null) return;
    // The person asked to go: focus moves to the section's heading, as with the board navigation.
    void navigate(`${target}${searchRef.current}`, { state: { focus: 'section' } });
  }, [navigate, target]);

  const setFollow = useCallback(
    (on: boolean) => {
      try {
        sessionStorage.setItem(storageKey(sessionId), on ? 'on' : 'off');
      } catch {
        // Not remembering is fine.
      }
      // Turning it on goes to the current item right away.
      if (on && enabled && target !== null && !isInPlace(pathRef.current, target)) void navigate(`${target}${searchRef.current}`);
      setFollowState(on);
    },
    [sessionId, enabled, target, navigate],
  );

  return {
    follow,
    setFollow,
    announcement: note.text,
    announcementSeq: note.seq,
    target,
    inPlace: target !== null && isInPlace(location.pathname, target),
    goToCurrent,
  };
}
