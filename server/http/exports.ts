/**
 * Exports over HTTP: a job is created (202), polled, then downloaded, all with the same
 * credential. The rendering happens in a worker thread (server/decisions/exports/jobs.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  CreateDecisionExportRequest,
  CreateProtokollExportRequest,
  EXPORT_MIME_TYPES,
  type DecisionExportFormat,
  type ExportJob,
  type ExportJobResponse,
} from '../../shared/decisionApi';
import { ErrorId } from '../../shared/errors';
import { decisionExportInput, protokollInput } from '../decisions/exportInputs';
import { fassungLabel } from '../decisions/exports/decisionDocument';
import { fileSlug } from '../decisions/exports/model';
import { oparlPaper, oparlUrls } from '../decisions/exports/oparl';
import { fileFacts } from '../decisions/oparlCatalog';
import type { Config } from '../config';
import type { ApiContext } from './context';
import { draftAccess, resolveCaller, roleRequired, sessionRoleOf, type Caller, type DraftAccess } from './decisionAccess';
import { ApiError, notFound, parseInput } from './errors';

const EXTENSIONS: Record<DecisionExportFormat, string> = { docx: 'docx', pdf: 'pdf', md: 'md', json: 'json', oparl: 'oparl.json' };

/** Who owns a job: only the same caller may poll and download it. */
function ownerOf(caller: Caller): string {
  switch (caller.kind) {
    case 'account':
      return `account:${caller.account.id}`;
    case 'participant':
      return `participant:${caller.participant.id}`;
    case 'lenkungskreis':
      return `lenkungskreis:${caller.member.id}`;
  }
}

/** The server's public address: PUBLIC_URL, else the request's own origin. */
export function baseUrlOf(req: FastifyRequest, config: Config): string {
  return config.publicUrl ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
}

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The version a decision export renders: asked for, else the latest, else (session side) the live draft. */
function versionRef(a: DraftAccess, asked: number | 'current' | undefined): number | 'current' {
  if (asked === 'current') {
    if (a.role === 'lenkungskreis') throw roleRequired('a member of the session');
    return 'current';
  }
  if (asked !== undefined) {
    if (asked > a.draft.latestVersion) throw notFound(`No version ${asked}`);
    return asked;
  }
  if (a.draft.latestVersion > 0) return a.draft.latestVersion;
  if (a.role === 'lenkungskreis') throw notFound('No version');
  return 'current';
}

export function registerExportRoutes(api: FastifyInstance, ctx: ApiContext): void {
  const { store, decisions, exports, config, oparl } = ctx;

  // Refused with 429 too_many_exports past the limits per caller and per session (jobs.ts).
  const submit = (caller: Caller, meta: Parameters<typeof exports.submit>[1], request: Parameters<typeof exports.submit>[2]): ExportJob =>
    exports.submit(ownerOf(caller), meta, request);

  const decisionJob = async (req: FastifyRequest, draftId: string, format: DecisionExportFormat, asked: number | 'current' | undefined) => {
    const caller = await resolveCaller(req, store);
    const a = await draftAccess(store, caller, draftId);
    const ref = versionRef(a, asked);
    const base = baseUrlOf(req, config);
    const input = await decisionExportInput(decisions, a.draft, a.session, ref, base);
    if (format === 'oparl') {
      // The OParl Paper of a frozen version, as the public endpoint serves it when the version is
      // öffentlich: its mainFile is the stored PDF, so size and checksum match the bytes served.
      if (ref === 'current') throw new ApiError(400, ErrorId.validation, 'version: OParl describes a handed-over version; hand the draft over first', 'version');
      const v = (await oparl.versions(false, a.draft.id)).find((x) => x.meta.number === ref);
      if (!v) throw notFound(`No version ${ref}`);
      input.oparlPaper = oparlPaper(oparlUrls(base), v, fileFacts(await oparl.pdf(v, base)));
    }
    const fileName = `${fileSlug(`Beschlussvorlage-${a.draft.reference}-${fassungLabel(input)}`)}.${EXTENSIONS[format]}`;
    return submit(caller, { kind: 'decision', format, fileName, mimeType: EXPORT_MIME_TYPES[format] }, { kind: 'decision', format, input });
  };

  api.post<{ Params: { draftId: string } }>('/decisions/:draftId/exports', async (req, reply): Promise<ExportJobResponse> => {
    const input = parseInput(CreateDecisionExportRequest, req.body);
    const job = await decisionJob(req, req.params.draftId, input.format, input.version);
    reply.code(202);
    return { job };
  });

  api.post<{ Params: { id: string } }>('/sessions/:id/exports', async (req, reply): Promise<ExportJobResponse> => {
    const caller = await resolveCaller(req, store);
    const session = await store.sessions.findById(req.params.id);
    const role = session ? sessionRoleOf(caller, session) : null;
    if (!session || !role) throw notFound('Session not found');
    if (role !== 'moderator') throw roleRequired('moderator');
    const { format } = parseInput(CreateProtokollExportRequest, req.body);
    const input = await protokollInput(store, decisions, session);
    const fileName = `${fileSlug(`Protokoll ${session.title}`, session.date)}.${format}`;
    const job = submit(caller, { kind: 'protokoll', format, fileName, mimeType: EXPORT_MIME_TYPES[format] }, { kind: 'protokoll', format, input });
    reply.code(202);
    return { job };
  });

  api.get<{ Params: { jobId: string } }>('/exports/:jobId', async (req): Promise<ExportJobResponse> => {
    const caller = await resolveCaller(req, store);
    const job = exports.get(req.params.jobId, ownerOf(caller));
    if (!job) throw notFound('No such export');
    return { job };
  });

  api.get<{ Params: { jobId: string } }>('/exports/:jobId/file', async (req, reply) => {
    const caller = await resolveCaller(req, store);
    const found = exports.file(req.params.jobId, ownerOf(caller));
    if (!found) throw notFound('No such export');
    if (found.job.status !== 'done' || !found.bytes) throw new ApiError(409, ErrorId.exportNotReady, `The export is ${found.job.status}`);
    return sendFile(reply, found.job, found.bytes);
  });

  // Direct downloads of a version (signed in): the same worker, awaited. The public OParl
  // endpoint serves its own stored files (server/http/oparl.ts).
  const direct = (format: 'pdf' | 'oparl') => async (req: FastifyRequest<{ Params: { draftId: string; number: string } }>, reply: FastifyReply) => {
    const n = Number(req.params.number);
    if (!Number.isInteger(n) || n < 1) throw notFound('No such version');
    const job = await decisionJob(req, req.params.draftId, format, n);
    const done = await exports.wait(job.id);
    const found = exports.file(done.id, ownerOf(await resolveCaller(req, store)));
    if (done.status !== 'done' || !found?.bytes) throw new ApiError(503, ErrorId.exportNotReady, `The export failed: ${done.errorMessage ?? done.error ?? 'unknown reason'}`);
    return sendFile(reply, done, found.bytes, format === 'pdf' ? 'inline' : 'attachment');
  };
  api.get('/decisions/:draftId/versions/:number/pdf', direct('pdf'));
  api.get('/decisions/:draftId/versions/:number/oparl', direct('oparl'));
}

function sendFile(reply: FastifyReply, job: ExportJob, bytes: Buffer, disposition: 'attachment' | 'inline' = 'attachment') {
  const header = contentDisposition(job.fileName);
  return reply
    .header('content-type', job.mimeType)
    .header('content-disposition', disposition === 'inline' ? header.replace(/^attachment/, 'inline') : header)
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}
