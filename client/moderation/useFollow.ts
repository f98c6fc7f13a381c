/**
 * "Folgen": the view follows the moderation. When the session moves to another agenda item the
 * room opens that item's board (or the notes); a person who turned "Folgen" off stays where they
 * are. Late joiners land on the current item. On by default, remembered per session and tab.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { roomPath } from './labels';
import type { SessionState } from '../../shared/moderation';

const storageKey = (sessionId: string) => `werkraum.follow.${sessionId}`;

function storedFollow(sessionId: string): boolean {
  try {
    return sessionStorage.getItem(storageKey(sessionId)) !== 'off';
  } catch {
    return true;
  }
}

export interface Follow {
  follow: boolean;
  setFollow: (on: boolean) => void;
  /** What the last move said (for a polite live region); empty when nothing moved. */
  announcement: string;
}

/** Follows `state` (the server's session state); `enabled: false` never navigates. */
export function useFollowModerator(sessionId: string, state: SessionState | null, enabled = true): Follow {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [follow, setFollowState] = useState(() => storedFollow(sessionId));
  const [announcement, setAnnouncement] = useState('');
  // The item (and its board) the view last followed; null: follow the next state at once.
  const followed = useRef<string | null>(null);
  // Where the view is now, read when following (not a reason to follow again).
  const pathRef = useRef(location.pathname);
  const searchRef = useRef(location.search);
  useLayoutEffect(() => {
    pathRef.current = location.pathname;
    searchRef.current = location.search;
  });

  const item = state?.agenda.find((i) => i.id === state.currentItemId);
  const key = item ? `${item.id}:${item.board}` : null;
  const board = item?.board;
  const title = item?.title;

  useEffect(() => {
    if (!enabled || !follow || key === null || board === undefined) return;
    if (followed.current === key) return;
    const first = followed.current === null;
    followed.current = key;
    const target = roomPath(sessionId, board);
    // No focus move: someone typing elsewhere is not pulled out of their field by surprise.
    if (pathRef.current !== target) void navigate(`${target}${searchRef.current}`);
    if (!first) setAnnouncement(t('moderation.follow.moved', { title }));
  }, [enabled, follow, key, board, title, sessionId, navigate, t]);

  const setFollow = useCallback(
    (on: boolean) => {
      try {
        sessionStorage.setItem(storageKey(sessionId), on ? 'on' : 'off');
      } catch {
        // Not remembering is fine.
      }
      // Turning it on goes to the current item right away.
      if (on) followed.current = null;
      setFollowState(on);
    },
    [sessionId],
  );

  return { follow, setFollow, announcement };
}
