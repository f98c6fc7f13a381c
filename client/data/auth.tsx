import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { UserInfo } from '../../shared/api';
import { api, ApiError } from './http/api';

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

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<AuthUser>(undefined);
  const setUser = useCallback((next: UserInfo | null) => {
    cacheUser(next);
    setUserState(next);
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    const check = () => {
      api
        .me(ctrl.signal)
        .then((res) => setUser(res.user))
        .catch((err: unknown) => {
          if (err instanceof DOMException && err.name === 'AbortError') return;
          // Unreachable server (offline): keep who was signed in and ask again when back online.
          if (err instanceof ApiError && err.id === 'network') setUserState(cachedUser());
          else setUser(null);
        });
    };
    check();
    window.addEventListener('online', check);
    return () => {
      window.removeEventListener('online', check);
      ctrl.abort();
    };
  }, [setUser]);

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
