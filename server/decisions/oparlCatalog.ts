/**
 * What the OParl endpoint publishes, read from the store: the frozen versions whose Vorlage is
 * marked öffentlich (drafts never handed over have no version and never appear), and the PDF of
 * each, rendered once by the export worker and stored, so that the File's size and checksum
 * always describe the bytes served.
 */
import { createHash } from 'node:crypto';
import { withVorlageDefaults, type DecisionVersion } from '../../shared/decision';
import type { FastifyBaseLogger } from 'fastify';
import type { ExportFileStore, SessionRecord, Store, StoredDraft, StoredExportFile } from '../store/types';
import { ApiError } from '../http/errors';
import { ErrorId } from '../../shared/errors';
import { decisionExportInput } from './exportInputs';
import { paperKind } from './exports/decisionDocument';
import type { ExportJobs } from './exports/jobs';
import { fileSlug } from './exports/model';
import type { FileFacts, OparlVersion } from './exports/oparl';
import type { DecisionService } from './service';

/** The owner of the renders the OParl endpoint asks for (no person: the installation). */
const RENDER_OWNER = 'oparl';

export const versionFileKey = (draftId: string, n: number) => `oparl-pdf:${draftId}:${n}`;

export function isPublicVersion(v: Pick<DecisionVersion, 'content'>): boolean {
  return withVorlageDefaults(v.content).oeffentlichkeit === 'oeffentlich';
}

export interface CatalogDeps {
  store: Store;
  decisions: DecisionService;
  exports: ExportJobs;
  log: FastifyBaseLogger;
}

export class OparlCatalog {
  /** Renders in flight, by key: one render per version, however many requests ask at once. */
  private readonly inflight = new Map<string, Promise<StoredExportFile>>();
  /** Renders run one after another: a crawler never fills the export queue. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: CatalogDeps) {}

  private get files(): ExportFileStore {
    return this.deps.store.exportFiles;
  }

  /**
   * Every version of every handed-over draft, with its draft and session; `publicOnly` keeps
   * only the versions marked öffentlich (and lists only those as siblings).
   */
  async versions(publicOnly: boolean, onlyDraft?: string): Promise<(OparlVersion & { draft: StoredDraft; session: SessionRecord })[]> {
    const { store, decisions } = this.deps;
    const drafts = onlyDraft ? [await store.decisions.findDraft(onlyDraft)].filter((d): d is StoredDraft => d !== undefined && d.latestVersion > 0) : (await Promise.all((await store.organisations.list()).map((o) => store.decisions.listHandedOver(o.id)))).flat();
    const out: (OparlVersion & { draft: StoredDraft; session: SessionRecord })[] = [];
    for (const draft of drafts) {
      const session = await store.sessions.findById(draft.sessionId);
      if (!session) continue;
      const metas = await store.decisions.listVersions(draft.id);
      const versions: DecisionVersion[] = [];
      for (const meta of metas) {
        try {
          const v = await decisions.version(draft, meta.number);
          if (!publicOnly || isPublicVersion(v)) versions.push(v);
        } catch (err) {
          // A damaged version is left out (and logged by the service), never published.
          this.deps.log.warn({ err, draftId: draft.id, version: meta.number }, 'version left out of OParl');
        }
      }
      for (const v of versions) {
        const siblings = versions.filter((o) => o.number !== v.number);
        const changed = siblings.map((o) => o.handedOverAt).filter((t) => t > v.handedOverAt);
        out.push({
          draft,
          session,
          draftId: draft.id,
          reference: draft.reference,
          sessionKind: session.kind,
          meta: { draftId: v.draftId, number: v.number, contentHash: v.contentHash, handedOverAt: v.handedOverAt, handedOverBy: v.handedOverBy, findings: v.findings, note: v.note },
          content: v.content,
          decision: draft.decision && draft.decision.version === v.number ? draft.decision : null,
          siblings: siblings.map((o) => o.number).sort((a, b) => a - b),
          siblingsChangedAt: changed.length > 0 ? changed.sort().at(-1)! : null,
        });
      }
    }
    return out.sort((a, b) => a.meta.handedOverAt.localeCompare(b.meta.handedOverAt) || a.draftId.localeCompare(b.draftId) || a.meta.number - b.meta.number);
  }

  /**
   * The stored PDF of a frozen version: rendered on first demand (the version as handed over,
   * without the later decision, so any render gives the same document) and stored; from then
   * on always those bytes.
   */
  async pdf(v: OparlVersion & { draft: StoredDraft; session: SessionRecord }, baseUrl: string): Promise<StoredExportFile> {
    const key = versionFileKey(v.draftId, v.meta.number);
    const stored = await this.files.get(key);
    if (stored) return stored;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.chain.then(() => this.render(v, key, baseUrl));
      this.chain = pending.catch(() => undefined);
      this.inflight.set(key, pending);
      void pending.finally(() => this.inflight.delete(key)).catch(() => undefined);
    }
    return pending;
  }

  private async render(v: OparlVersion & { draft: StoredDraft; session: SessionRecord }, key: string, baseUrl: string): Promise<StoredExportFile> {
    const again = await this.files.get(key);
    if (again) return again;
    const { decisions, exports } = this.deps;
    const base = await decisionExportInput(decisions, v.draft, v.session, v.meta.number, baseUrl);
    const input = { ...base, status: 'uebergeben' as const, decision: null, generatedAt: v.meta.handedOverAt };
    const fileName = `${fileSlug(`${paperKind(v.sessionKind)} ${v.reference} Fassung ${v.meta.number}`)}.pdf`;
    const job = exports.submit(RENDER_OWNER, { kind: 'decision', format: 'pdf', fileName, mimeType: 'application/pdf' }, { kind: 'decision', format: 'pdf', input });
    const done = await exports.wait(job.id);
    const bytes = exports.file(done.id, RENDER_OWNER)?.bytes;
    if (done.status !== 'done' || !bytes) {
      throw new ApiError(503, ErrorId.exportNotReady, `The file could not be rendered: ${done.errorMessage ?? done.error ?? 'unknown reason'}`, undefined, { 'retry-after': '30' });
    }
    return this.files.put({
      key,
      draftId: v.draftId,
      fileName,
      mimeType: 'application/pdf',
      bytes,
      sha512: createHash('sha512').update(bytes).digest('hex'),
      createdAt: new Date().toISOString(),
    });
  }
}

export function fileFacts(f: StoredExportFile): FileFacts {
  return { fileName: f.fileName, mimeType: f.mimeType, size: f.bytes.byteLength, sha512: f.sha512, createdAt: f.createdAt };
}
