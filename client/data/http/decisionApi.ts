/**
 * The decision-draft and Lenkungskreis part of the HTTP API (docs/api.md, "Decision drafts and
 * the Lenkungskreis"). Session members pass their participant token; moderators on their own
 * device may pass none (the login cookie is sent); Lenkungskreis members pass their member token.
 */
import type {
  AddSourcesRequest,
  AuditResponse,
  CheckResponse,
  CommentRequest,
  CommentResponse,
  CommentsResponse,
  CompareResponse,
  CreateDecisionExportRequest,
  CreateDraftRequest,
  CreatedInvitation,
  CreateInvitationRequest,
  CreateProtokollExportRequest,
  DraftListResponse,
  DraftResponse,
  ExportJob,
  ExportJobResponse,
  HandoverRequest,
  HandoverResponse,
  InvitationPreview,
  InvitationsResponse,
  LenkungskreisDeviceLink,
  LenkungskreisDeviceRequest,
  LenkungskreisDevicesResponse,
  LenkungskreisJoinRequest,
  LenkungskreisJoinResponse,
  MemberResponse,
  MembersResponse,
  RecordDecisionRequest,
  RecordDecisionResponse,
  StatusChangeRequest,
  VersionRef,
  VersionResponse,
  VersionsResponse,
} from '../../../shared/decisionApi';
import { Paths } from '../../../shared/protocol';
import { ApiError, request } from './api';

const enc = encodeURIComponent;
const d = (draftId: string) => `/decisions/${enc(draftId)}`;

export const decisionApi = {
  // Session side
  listDrafts: (sessionId: string, token?: string, signal?: AbortSignal) =>
    request<DraftListResponse>('GET', `/sessions/${enc(sessionId)}/decisions`, { token, signal }),
  createDraft: (sessionId: string, body: CreateDraftRequest, token?: string) =>
    request<DraftResponse>('POST', `/sessions/${enc(sessionId)}/decisions`, { body, token }),
  getDraft: (draftId: string, token?: string, signal?: AbortSignal) => request<DraftResponse>('GET', d(draftId), { token, signal }),
  addSources: (draftId: string, body: AddSourcesRequest, token?: string) =>
    request<DraftResponse>('POST', `${d(draftId)}/sources`, { body, token }),
  check: (draftId: string, token?: string, signal?: AbortSignal) => request<CheckResponse>('GET', `${d(draftId)}/check`, { token, signal }),
  handover: (draftId: string, body: HandoverRequest, token?: string) =>
    request<HandoverResponse>('POST', `${d(draftId)}/handover`, { body, token }),
  versions: (draftId: string, token?: string, signal?: AbortSignal) =>
    request<VersionsResponse>('GET', `${d(draftId)}/versions`, { token, signal }),
  version: (draftId: string, n: number, token?: string, signal?: AbortSignal) =>
    request<VersionResponse>('GET', `${d(draftId)}/versions/${n}`, { token, signal }),
  compare: (draftId: string, from: VersionRef, to: VersionRef, token?: string, signal?: AbortSignal) =>
    request<CompareResponse>('GET', `${d(draftId)}/compare?from=${enc(String(from))}&to=${enc(String(to))}`, { token, signal }),
  comments: (draftId: string, token?: string, signal?: AbortSignal) =>
    request<CommentsResponse>('GET', `${d(draftId)}/comments`, { token, signal }),
  comment: (draftId: string, body: CommentRequest, token?: string) =>
    request<CommentResponse>('POST', `${d(draftId)}/comments`, { body, token }),
  audit: (draftId: string, token?: string, signal?: AbortSignal) => request<AuditResponse>('GET', `${d(draftId)}/audit`, { token, signal }),

  // Lenkungskreis side
  setStatus: (draftId: string, body: StatusChangeRequest, token?: string) =>
    request<DraftResponse>('POST', `${d(draftId)}/status`, { body, token }),
  recordDecision: (draftId: string, body: RecordDecisionRequest, token?: string) =>
    request<RecordDecisionResponse>('POST', `${d(draftId)}/decision`, { body, token }),
  inbox: (token: string, status?: string, signal?: AbortSignal) =>
    request<DraftListResponse>('GET', `/lenkungskreis/inbox${status ? `?status=${enc(status)}` : ''}`, { token, signal }),
  me: (token: string, signal?: AbortSignal) => request<MemberResponse>('GET', '/lenkungskreis/me', { token, signal }),
  invitationPreview: (code: string, signal?: AbortSignal) =>
    request<InvitationPreview>('GET', `/lenkungskreis/join/${enc(code)}`, { signal }),
  redeemInvitation: (body: LenkungskreisJoinRequest) => request<LenkungskreisJoinResponse>('POST', '/lenkungskreis/join', { body }),
  // A member's devices: a signed-in device makes a single-use link that binds another one.
  createDeviceLink: (token: string) => request<LenkungskreisDeviceLink>('POST', '/lenkungskreis/me/device-links', { token }),
  devices: (token: string, signal?: AbortSignal) => request<LenkungskreisDevicesResponse>('GET', '/lenkungskreis/me/devices', { token, signal }),
  revokeDevice: (token: string, id: string) => request<unknown>('DELETE', `/lenkungskreis/me/devices/${enc(id)}`, { token }),
  deviceLinkPreview: (code: string, signal?: AbortSignal) => request<MemberResponse>('GET', `/lenkungskreis/device/${enc(code)}`, { signal }),
  redeemDeviceLink: (body: LenkungskreisDeviceRequest) => request<LenkungskreisJoinResponse>('POST', '/lenkungskreis/device', { body }),

  // Moderator administration (login cookie)
  createInvitation: (body: CreateInvitationRequest) => request<CreatedInvitation>('POST', '/lenkungskreis/invitations', { body }),
  listInvitations: (signal?: AbortSignal) => request<InvitationsResponse>('GET', '/lenkungskreis/invitations', { signal }),
  withdrawInvitation: (id: string) => request<unknown>('DELETE', `/lenkungskreis/invitations/${enc(id)}`),
  listMembers: (signal?: AbortSignal) => request<MembersResponse>('GET', '/lenkungskreis/members', { signal }),
  revokeMember: (id: string) => request<unknown>('DELETE', `/lenkungskreis/members/${enc(id)}`),

  // Exports
  exportDraft: (draftId: string, body: CreateDecisionExportRequest, token?: string) =>
    request<ExportJobResponse>('POST', `${d(draftId)}/exports`, { body, token }),
  exportProtokoll: (sessionId: string, body: CreateProtokollExportRequest, token?: string) =>
    request<ExportJobResponse>('POST', `/sessions/${enc(sessionId)}/exports`, { body, token }),
  exportJob: (jobId: string, token?: string, signal?: AbortSignal) =>
    request<ExportJobResponse>('GET', `/exports/${enc(jobId)}`, { token, signal }),
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    });
  });

/**
 * Polls an export job until it is done or failed, reporting every state to `onProgress`, then
 * fetches the file (with the same credential) and hands it to the browser as a download.
 */
export async function runExport(
  start: () => Promise<ExportJobResponse>,
  opts: { token?: string; onProgress?: (job: ExportJob) => void; signal?: AbortSignal; pollMs?: number } = {},
): Promise<ExportJob> {
  let { job } = await start();
  opts.onProgress?.(job);
  while (job.status === 'queued' || job.status === 'running') {
    await sleep(opts.pollMs ?? 400, opts.signal);
    job = (await decisionApi.exportJob(job.id, opts.token, opts.signal)).job;
    opts.onProgress?.(job);
  }
  if (job.status === 'failed') throw new ApiError(500, 'unknown', job.error ?? 'export failed');
  await downloadFile(job, opts.token, opts.signal);
  return job;
}

async function downloadFile(job: ExportJob, token?: string, signal?: AbortSignal): Promise<void> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  const url = job.downloadUrl.startsWith('/api') ? job.downloadUrl : `${Paths.api}/exports/${enc(job.id)}/file`;
  let res: Response;
  try {
    res = await fetch(url, { headers, credentials: 'same-origin', signal });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw new ApiError(res.status, 'unknown', `HTTP ${res.status}`);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = job.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
