/**
 * The public OParl 1.1 endpoint under /api/oparl/v1, read-only and without login: what the
 * Lenkungskreis has before it and marked öffentlich, nothing else. Anything else (a draft never
 * handed over, a version marked nichtöffentlich, an unknown id) is the same 404, so that no
 * response tells that something exists.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorId } from '../../shared/errors';
import {
  DEFAULT_PAGE_SIZE,
  isOrganizationId,
  LENKUNGSKREIS,
  MAX_PAGE_SIZE,
  oparlAgendaItem,
  oparlBody,
  oparlConsultation,
  oparlFile,
  oparlListPage,
  oparlMeeting,
  oparlOrganization,
  oparlPaper,
  oparlSystem,
  oparlUrls,
  organizationIds,
  BODY_ID,
  type OparlInstallation,
  type OparlObject,
  type OparlUrls,
  type OparlVersion,
  versionModified,
} from '../decisions/exports/oparl';
import { fileFacts } from '../decisions/oparlCatalog';
import type { SessionRecord, StoredDraft } from '../store/types';
import type { ApiContext } from './context';
import { baseUrlOf, contentDisposition } from './exports';
import { ApiError, notFound } from './errors';

type Published = OparlVersion & { draft: StoredDraft; session: SessionRecord };

const FILTERS = ['created_since', 'created_until', 'modified_since', 'modified_until'] as const;

interface ListQuery {
  page: number;
  limit: number;
  filters: Record<string, string>;
  test: (o: OparlObject) => boolean;
}

const gone = () => notFound('No such OParl object');

/** Paging and the filters every external list supports; a bad value is a 400 naming it. */
function listQuery(req: FastifyRequest): ListQuery {
  const q = (req.query ?? {}) as Record<string, unknown>;
  const int = (name: string, fallback: number, max: number) => {
    const raw = q[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (typeof raw !== 'string' || !/^\d+$/.test(raw) || n < 1 || n > max) {
      throw new ApiError(400, ErrorId.validation, `${name}: a whole number from 1 to ${max}`, name);
    }
    return n;
  };
  const filters: Record<string, string> = {};
  const bounds: { key: 'created' | 'modified'; since: boolean; at: number }[] = [];
  for (const name of FILTERS) {
    const raw = q[name];
    if (raw === undefined) continue;
    const at = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN;
    if (Number.isNaN(at)) throw new ApiError(400, ErrorId.validation, `${name}: a date-time such as 2026-12-08T10:15:00+01:00`, name);
    filters[name] = raw as string;
    bounds.push({ key: name.startsWith('created') ? 'created' : 'modified', since: name.endsWith('since'), at });
  }
  return {
    page: int('page', 1, 1_000_000),
    limit: int('limit', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    filters,
    test: (o) =>
      bounds.every((b) => {
        const t = Date.parse(String(o[b.key]));
        return b.since ? t >= b.at : t <= b.at;
      }),
  };
}

export function registerOparlRoutes(api: FastifyInstance, ctx: ApiContext): void {
  const { store, config, oparl } = ctx;

  /** The installation's times: its first organisation (else first publication), its latest published change. */
  const installation = async (req: FastifyRequest, published: readonly Published[]): Promise<OparlInstallation> => {
    const organisations = await store.organisations.list();
    const starts = [...organisations.map((o) => o.createdAt), ...published.map((v) => v.meta.handedOverAt)].sort();
    const created = starts[0] ?? new Date(0).toISOString();
    const modified = new Date(Math.max(Date.parse(created), ...published.map((v) => Date.parse(versionModified(v))))).toISOString();
    return { bodyName: config.bodyName, website: baseUrlOf(req, config), created, modified };
  };

  const context = async (req: FastifyRequest) => {
    const base = baseUrlOf(req, config);
    return { base, u: oparlUrls(base), published: await oparl.versions(true) };
  };

  const paperOf = async (u: OparlUrls, v: Published, base: string) => oparlPaper(u, v, fileFacts(await oparl.pdf(v, base)));
  const papersOf = async (u: OparlUrls, published: readonly Published[], base: string) => {
    const out: OparlObject[] = [];
    for (const v of published) out.push(await paperOf(u, v, base));
    return out;
  };

  const meetingsOf = (u: OparlUrls, published: readonly Published[]) => {
    const byDate = new Map<string, Published[]>();
    for (const v of published) if (v.decision) byDate.set(v.decision.decidedOn, [...(byDate.get(v.decision.decidedOn) ?? []), v]);
    return [...byDate.keys()].sort().map((date) => oparlMeeting(u, date, byDate.get(date)!));
  };

  const find = (published: readonly Published[], params: { draftId: string; n: string }): Published => {
    const n = Number(params.n);
    const v = /^[1-9]\d*$/.test(params.n) ? published.find((p) => p.draftId === params.draftId && p.meta.number === n) : undefined;
    if (!v) throw gone();
    return v;
  };

  const list = (reply: FastifyReply, req: FastifyRequest, url: string, all: readonly OparlObject[]) => {
    const q = listQuery(req);
    const kept = all.filter(q.test);
    const pages = Math.max(1, Math.ceil(kept.length / q.limit));
    if (q.page > pages) throw gone();
    return send(reply, oparlListPage(url, kept, q));
  };

  const routes: [string, (req: FastifyRequest<{ Params: Record<string, string> }>, reply: FastifyReply) => Promise<unknown>][] = [
    [
      '/system',
      async (req, reply) => {
        const { u, published } = await context(req);
        return send(reply, oparlSystem(u, await installation(req, published)));
      },
    ],
    [
      '/bodies',
      async (req, reply) => {
        const { u, published } = await context(req);
        return list(reply, req, u.bodies, [oparlBody(u, await installation(req, published))]);
      },
    ],
    [
      '/body/:bodyId',
      async (req, reply) => {
        if (req.params.bodyId !== BODY_ID) throw gone();
        const { u, published } = await context(req);
        return send(reply, oparlBody(u, await installation(req, published)));
      },
    ],
    [
      '/body/:bodyId/organizations',
      async (req, reply) => {
        if (req.params.bodyId !== BODY_ID) throw gone();
        const { u, published } = await context(req);
        const inst = await installation(req, published);
        const hasMeetings = published.some((v) => v.decision);
        return list(reply, req, u.bodyOrganizations, organizationIds().map((id) => oparlOrganization(u, inst, id, id === LENKUNGSKREIS && hasMeetings)));
      },
    ],
    [
      '/body/:bodyId/people',
      async (req, reply) => {
        if (req.params.bodyId !== BODY_ID) throw gone();
        const { u } = await context(req);
        // Werkraum publishes no people: participants and Lenkungskreis members stay private.
        return list(reply, req, u.bodyPeople, []);
      },
    ],
    [
      '/body/:bodyId/meetings',
      async (req, reply) => {
        if (req.params.bodyId !== BODY_ID) throw gone();
        const { u, published } = await context(req);
        return list(reply, req, u.bodyMeetings, meetingsOf(u, published));
      },
    ],
    [
      '/body/:bodyId/papers',
      async (req, reply) => {
        if (req.params.bodyId !== BODY_ID) throw gone();
        const { u, published, base } = await context(req);
        return list(reply, req, u.bodyPapers, await papersOf(u, published, base));
      },
    ],
    [
      '/organization/:orgId',
      async (req, reply) => {
        if (!isOrganizationId(req.params.orgId!)) throw gone();
        const { u, published } = await context(req);
        const inst = await installation(req, published);
        return send(reply, oparlOrganization(u, inst, req.params.orgId!, req.params.orgId === LENKUNGSKREIS && published.some((v) => v.decision)));
      },
    ],
    [
      '/organization/:orgId/meetings',
      async (req, reply) => {
        const { u, published } = await context(req);
        if (req.params.orgId !== LENKUNGSKREIS || !published.some((v) => v.decision)) throw gone();
        return list(reply, req, u.organizationMeetings(LENKUNGSKREIS), meetingsOf(u, published));
      },
    ],
    [
      '/meeting/:date',
      async (req, reply) => {
        const { u, published } = await context(req);
        const meeting = meetingsOf(u, published).find((m) => m.id === u.meeting(req.params.date!));
        if (!meeting) throw gone();
        return send(reply, meeting);
      },
    ],
    [
      '/agendaitem/:draftId/:n',
      async (req, reply) => {
        const { u, published } = await context(req);
        const v = find(published, { draftId: req.params.draftId!, n: req.params.n! });
        if (!v.decision) throw gone();
        const meeting = meetingsOf(u, published).find((m) => m.id === u.meeting(v.decision!.decidedOn))!;
        const order = (meeting.agendaItem as OparlObject[]).findIndex((a) => a.id === u.agendaItem(v.draftId, v.meta.number)) + 1;
        return send(reply, oparlAgendaItem(u, v, order, false));
      },
    ],
    [
      '/consultation/:draftId/:n',
      async (req, reply) => {
        const { u, published } = await context(req);
        return send(reply, oparlConsultation(u, find(published, { draftId: req.params.draftId!, n: req.params.n! }), false));
      },
    ],
    [
      '/paper/:draftId/:n',
      async (req, reply) => {
        const { u, published, base } = await context(req);
        return send(reply, await paperOf(u, find(published, { draftId: req.params.draftId!, n: req.params.n! }), base));
      },
    ],
    [
      '/file/:draftId/:n',
      async (req, reply) => {
        const { u, published, base } = await context(req);
        const v = find(published, { draftId: req.params.draftId!, n: req.params.n! });
        return send(reply, oparlFile(u, v, fileFacts(await oparl.pdf(v, base)), false));
      },
    ],
  ];
  // Errors (404, 400) are readable from other origins too.
  const options = {
    onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      cors(reply);
      return payload;
    },
  };
  for (const [path, handler] of routes) api.get(`/oparl/v1${path}`, options, handler as never);

  // The stored bytes, always the same: inline at the accessUrl, as an attachment at the downloadUrl.
  const bytes = (disposition: 'inline' | 'attachment') => async (req: FastifyRequest<{ Params: { draftId: string; n: string } }>, reply: FastifyReply) => {
    const { published, base } = await context(req);
    const file = await oparl.pdf(find(published, req.params), base);
    const header = contentDisposition(file.fileName);
    return cors(reply)
      .header('content-type', file.mimeType)
      .header('content-disposition', disposition === 'inline' ? header.replace(/^attachment/, 'inline') : header)
      .header('x-content-type-options', 'nosniff')
      .send(file.bytes);
  };
  api.get<{ Params: { draftId: string; n: string } }>('/oparl/v1/file/:draftId/:n/access', options, bytes('inline'));
  api.get<{ Params: { draftId: string; n: string } }>('/oparl/v1/file/:draftId/:n/download', options, bytes('attachment'));
}

/** OParl clients run in other sites' pages too: the public endpoint allows any origin to read. */
function cors(reply: FastifyReply): FastifyReply {
  return reply.header('access-control-allow-origin', '*');
}

function send(reply: FastifyReply, body: OparlObject) {
  return cors(reply).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(body));
}
