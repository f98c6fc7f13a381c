/**
 * Who is signed in on this device (moderators, login cookie): `useAuth()` anywhere below
 * `AuthProvider`. Read once from `/api/auth/me` and again whenever the device comes back online.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { UserInfo } from '../../shared/api';
import { api, ApiError } from './http/api';
import { useFetch } from './http/useFetch';

// The signed-in moderator of the last successful check, so a page loaded offline (service worker)
// still knows who is signed in; the server decides again as soon as it can be reached.
const CACHE_KEY = 'werkraum.user';

function cachedUser(): UserInfo | null {
  try {
    const raw = localStorage.getItem(CACHE_KEY);
    const v = raw ? (JSON.parse(raw) as Partial<UserInfo>) : null;
    return v && typeof v.id === 'string' && typeof v.displayName === 'string' ? (v as UserInfo) : null;
  } catch {
    return null;
  }
}

function cacheUser(user: UserInfo | null): void {
  try {
    if (user) localStorage.setItem(CACHE_KEY, JSON.stringify(user));
    else localStorage.removeItem(CACHE_KEY);
  } catch {
    // Without storage an offline reload shows the sign-in link; nothing else depends on it.
  }
}

/** `undefined` while the first /api/auth/me is in flight, `null` when nobody is signed in. */
export type AuthUser = UserInfo | null | undefined;

interface AuthValue {
  user: AuthUser;
  setUser: (user: UserInfo | null) => void;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | undefined>(undefined);

/** The signed-in moderator, or null; network errors are thrown (the device may be offline). */
async function fetchSignedIn(signal: AbortSignal): Promise<UserInfo | null> {
  try {
    return (await api.me(signal)).user;
  } catch (err) {
    if (err instanceof ApiError && err.id === 'network') throw err;
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const me = useFetch('auth/me', fetchSignedIn, { onSuccess: cacheUser });
  const { mutate, refresh } = me;
  const setUser = useCallback(
    (next: UserInfo | null) => {
      cacheUser(next);
      mutate(next);
    },
    [mutate],
  );

  // Unreachable server (offline): keep who was signed in and ask again when back online.
  useEffect(() => {
    window.addEventListener('online', refresh);
    return () => window.removeEventListener('online', refresh);
  }, [refresh]);
  const offline = me.data === undefined && me.error !== undefined;
  const cached = useMemo(() => (offline ? cachedUser() : null), [offline]);
  const user: AuthUser = me.data !== undefined ? me.data : offline ? cached : undefined;

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setUser(null);
    }
  }, [setUser]);

  const value = useMemo<AuthValue>(() => ({ user, setUser, logout }), [user, setUser, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
