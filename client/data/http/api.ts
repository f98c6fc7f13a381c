/**
 * A small fetch wrapper for the Werkraum HTTP API. Every failure becomes an ApiError whose `id`
 * is one of shared/errors.ts, or `network` when the server could not be reached at all.
 */
import type {
  AccountsResponse,
  BoardChangesResponse,
  BoardSourcesResponse,
  AddStaffRequest,
  ChangeRoleRequest,
  CreateSessionRequest,
  MeResponse,
  OrganisationInfo,
  RenameOrganisationRequest,
  SessionsResponse,
  StaffMember,
  StaffResponse,
  StaffSetupLink,
  DuplicateSessionRequest,
  JoinPreview,
  JoinRequest,
  JoinResponse,
  LoginRequest,
  PrivacyNotice,
  SessionForModerator,
  SessionContents,
  SessionPublic,
  SetupRequest,
  SetupStatus,
  UpdatePrivacyNoticeRequest,
  UpdateSessionRequest,
  UserInfo,
} from '../../../shared/api';
import type { ApiErrorBody, ErrorIdValue } from '../../../shared/errors';
import { Paths } from '../../../shared/protocol';

export type ClientErrorId = ErrorIdValue | 'network' | 'unknown';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: ClientErrorId,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Whether a request was aborted (its component unmounted or asked for something else). */
export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** Whether the server answered with this HTTP status (e.g. 401: the token or cookie is no longer valid). */
export function hasStatus(err: unknown, status: number): boolean {
  return err instanceof ApiError && err.status === status;
}

function isApiErrorBody(v: unknown): v is ApiErrorBody {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { id?: unknown }).id === 'string';
}

export interface RequestOptions {
  body?: unknown;
  /** A session token (participants and observers have no cookie). */
  token?: string;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let res: Response;
  try {
    res = await fetch(Paths.api + path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    if (isApiErrorBody(data)) throw new ApiError(res.status, data.error.id, data.error.message, data.error.field);
    throw new ApiError(res.status, res.status === 404 ? 'not_found' : 'unknown', `HTTP ${res.status}`);
  }
  return data as T;
}

export const api = {
  /** With a colleague's link token: whose account the link sets the password of. */
  setupStatus: (signal?: AbortSignal, token?: string) => request<SetupStatus>('GET', token ? `/setup?token=${encodeURIComponent(token)}` : '/setup', { signal }),
  setup: (body: SetupRequest) => request<{ user: UserInfo }>('POST', '/setup', { body }),
  login: (body: LoginRequest) => request<{ user: UserInfo }>('POST', '/auth/login', { body }),
  logout: () => request<unknown>('POST', '/auth/logout', { body: {} }),
  me: (signal?: AbortSignal) => request<MeResponse>('GET', '/auth/me', { signal }),
  /** My sessions, and apart the other sessions of my organisation. */
  listSessions: (signal?: AbortSignal) => request<SessionsResponse>('GET', '/sessions', { signal }),
  /** Joins a colleague's session as co-moderator. */
  takeOverSession: (id: string) => request<{ session: SessionForModerator }>('POST', `/sessions/${encodeURIComponent(id)}/take-over`, { body: {} }),
  renameOrganisation: (body: RenameOrganisationRequest) => request<{ organisation: OrganisationInfo }>('PATCH', '/organisation', { body }),
  listStaff: (signal?: AbortSignal) => request<StaffResponse>('GET', '/organisation/staff', { signal }),
  addStaff: (body: AddStaffRequest) => request<StaffSetupLink>('POST', '/organisation/staff', { body }),
  changeRole: (id: string, body: ChangeRoleRequest) => request<{ member: StaffMember }>('PATCH', `/organisation/staff/${encodeURIComponent(id)}`, { body }),
  newSetupLink: (id: string) => request<StaffSetupLink>('POST', `/organisation/staff/${encodeURIComponent(id)}/setup-link`, { body: {} }),
  createSession: (body: CreateSessionRequest) => request<{ session: SessionForModerator }>('POST', '/sessions', { body }),
  /** With a moderator cookie the answer carries the join codes; with a token only the public part. */
  getSession: (id: string, token?: string, signal?: AbortSignal) =>
    request<{ session: SessionPublic | SessionForModerator }>('GET', `/sessions/${encodeURIComponent(id)}`, { token, signal }),
  updateSession: (id: string, body: UpdateSessionRequest) => request<{ session: SessionForModerator }>('PATCH', `/sessions/${encodeURIComponent(id)}`, { body }),
  duplicateSession: (id: string, body: DuplicateSessionRequest) =>
    request<{ session: SessionForModerator }>('POST', `/sessions/${encodeURIComponent(id)}/duplicate`, { body }),
  sessionContents: (id: string, signal?: AbortSignal) => request<SessionContents>('GET', `/sessions/${encodeURIComponent(id)}/contents`, { signal }),
  deleteSession: (id: string) => request<{ deleted: SessionContents }>('DELETE', `/sessions/${encodeURIComponent(id)}`),
  listAccounts: (signal?: AbortSignal) => request<AccountsResponse>('GET', '/accounts', { signal }),
  addCoModerator: (id: string, accountId: string) =>
    request<{ session: SessionForModerator }>('POST', `/sessions/${encodeURIComponent(id)}/moderators`, { body: { accountId } }),
  removeCoModerator: (id: string, accountId: string) =>
    request<{ session: SessionForModerator }>('DELETE', `/sessions/${encodeURIComponent(id)}/moderators/${encodeURIComponent(accountId)}`),
  enterSession: (id: string) => request<JoinResponse>('POST', `/sessions/${encodeURIComponent(id)}/enter`, { body: {} }),
  joinPreview: (code: string, signal?: AbortSignal) => request<JoinPreview>('GET', `/join/${encodeURIComponent(code)}`, { signal }),
  join: (body: JoinRequest) => request<JoinResponse>('POST', '/join', { body }),
  boardSources: (sessionId: string, kind: string, token: string, signal?: AbortSignal) =>
    request<BoardSourcesResponse>('GET', `/sessions/${encodeURIComponent(sessionId)}/boards/${encodeURIComponent(kind)}/sources`, { token, signal }),
  boardChanges: (sessionId: string, kind: string, since: string, token: string, signal?: AbortSignal) =>
    request<BoardChangesResponse>('GET', `/sessions/${encodeURIComponent(sessionId)}/boards/${encodeURIComponent(kind)}/changes?since=${encodeURIComponent(since)}`, { token, signal }),
  /** With a join or observer code: the notice of that session's organisation. */
  privacyNotice: (signal?: AbortSignal, code?: string) => request<PrivacyNotice>('GET', code ? `/privacy?code=${encodeURIComponent(code)}` : '/privacy', { signal }),
  updatePrivacyNotice: (body: UpdatePrivacyNoticeRequest) => request<PrivacyNotice>('PUT', '/privacy', { body }),
};

export function hasJoinCodes(s: SessionPublic | SessionForModerator): s is SessionForModerator {
  return typeof (s as Partial<SessionForModerator>).joinCode === 'string';
}
