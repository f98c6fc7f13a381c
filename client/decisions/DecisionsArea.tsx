/**
 * The room's "Beschlussentwürfe": the session's drafts with status, latest version and the
 * Lenkungskreis's decision, and one draft opened for co-editing. The `decisions` document is
 * opened once for the area; its `status` map (written by the server at every status change) makes
 * the list and the open draft re-read the API, so a decision arrives without a reload.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type * as Y from 'yjs';
import type { JoinResponse } from '../../shared/api';
import { checkCompleteness, type DecisionRecord } from '../../shared/decision';
import type { DecisionDraftDetail } from '../../shared/decisionApi';
import { docName } from '../../shared/docs';
import { DECISION_STATUS_MAP, mergeDecisionContent, readDecisionDraft } from '../../shared/schema/decisions';
import type { WriteContext } from '../../shared/schema/items';
import { useDocSnapshot } from '../data/docs/useBoardDoc';
import { Alert } from '../components/Alert';
import { formatIsoDate } from '../lib/dates';
import { decisionApi } from '../data/http/decisionApi';
import { useFetch } from '../data/http/useFetch';
import { useReportConnection } from '../data/docs/connections';
import type { PresenceUser } from '../data/docs/presence';
import { useSyncedDoc, type SyncedDoc } from '../data/docs/syncedDoc';
import { CompletenessJump, CompletenessPanel } from './CompletenessPanel';
import { DraftEditor } from './DraftEditor';
import { DraftUndoButtons, useDraftUndo } from './DraftUndo';
import { ExportMenu, ProtokollExport } from './ExportMenu';
import { HandoverDialog, VersionsList } from './Handover';
import { SourcePicker } from './SourcePicker';
import { DecisionBadge, StatusBadge } from './StatusBadge';
import { VersionCompare } from './VersionCompare';
import './decisions.css';
import { errorMessage } from '../data/errors';

declare global {
  interface Window {
    /** e2e: the session's `decisions` document while the area is open. */
    __werkraumDecisions?: Y.Doc;
  }
}

/** The base path of the area. */
export function decisionsPath(sessionId: string, draftId?: string): string {
  const base = `/s/${encodeURIComponent(sessionId)}/beschluesse`;
  return draftId ? `${base}/${encodeURIComponent(draftId)}` : base;
}

/** A key that changes whenever the server signals a status change of any draft. */
function useStatusSignal(doc: Y.Doc | undefined): string {
  const [key, setKey] = useState('');
  useEffect(() => {
    if (!doc) return;
    const map = doc.getMap<unknown>(DECISION_STATUS_MAP);
    const read = () => setKey(JSON.stringify(map.toJSON()));
    read();
    map.observe(read);
    return () => map.unobserve(read);
  }, [doc]);
  return key;
}

interface DecisionsAreaProps {
  join: JoinResponse;
  draftId: string | undefined;
  moderator: boolean;
  readOnly: boolean;
  locked: boolean;
  user: PresenceUser;
  ctx: WriteContext;
}

export function DecisionsArea({ join, draftId, moderator, readOnly, locked, user, ctx }: DecisionsAreaProps) {
  const { t } = useTranslation();
  const { synced, connection } = useSyncedDoc(join.docs.decisions ?? docName(join.sessionId, 'decisions'), join.token);
  useReportConnection('decisions', connection);
  useEffect(() => {
    if (!synced) return;
    window.__werkraumDecisions = synced.doc;
    return () => {
      if (window.__werkraumDecisions === synced.doc) delete window.__werkraumDecisions;
    };
  }, [synced]);
  const signal = useStatusSignal(synced?.doc);

  return (
    <section className="wr-dec" aria-labelledby="decisions-heading" data-testid="decisions-area">
      <h2 id="decisions-heading" className="kern-heading-medium" tabIndex={-1} data-focus-on-navigate="">
        {t('decisions.area.heading')}
      </h2>
      {locked ? <p className="kern-body kern-body--small wr-muted">{t('decisions.area.locked')}</p> : readOnly ? <p className="kern-body kern-body--small wr-muted">{t('decisions.area.readOnly')}</p> : null}
      {draftId ? (
        <DraftView key={draftId} join={join} draftId={draftId} synced={synced} signal={signal} moderator={moderator} readOnly={readOnly} user={user} ctx={ctx} />
      ) : (
        <DraftList join={join} signal={signal} moderator={moderator} />
      )}
    </section>
  );
}

function DecisionBox({ decision }: { decision: DecisionRecord }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="wr-dec-decision" data-testid="decision-record" data-outcome={decision.outcome}>
      <Alert variant={decision.outcome === 'abgelehnt' ? 'danger' : decision.outcome === 'beschlossen' || decision.outcome === 'geaendert_beschlossen' ? 'success' : 'warning'} title={t('decisions.decision.heading')} live="status">
        <dl className="wr-dec-decision__facts">
          <dt>{t('decisions.decision.outcome')}</dt>
          <dd data-testid="decision-record-outcome">{t(`decisions.status.${decision.outcome}`)}</dd>
          <dt>{t('decisions.decision.decidedOn')}</dt>
          <dd>
            {formatIsoDate(decision.decidedOn, i18n.language)} ({t('decisions.decision.version', { n: decision.version })})
          </dd>
          {decision.resolutionText ? (
            <>
              <dt>{t('decisions.decision.resolution')}</dt>
              <dd className="wr-dec-decision__text" data-testid="decision-record-resolution">
                {decision.resolutionText}
              </dd>
            </>
          ) : null}
          {decision.conditions ? (
            <>
              <dt>{t('decisions.decision.conditions')}</dt>
              <dd className="wr-dec-decision__text">{decision.conditions}</dd>
            </>
          ) : null}
        </dl>
      </Alert>
    </div>
  );
}

function DraftList({ join, signal, moderator }: { join: JoinResponse; signal: string; moderator: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [picking, setPicking] = useState(false);
  // Read again whenever the server signals a status change; the list stays while it is re-read.
  const list = useFetch(['decision-drafts', join.sessionId, join.token], async (ctrl) => (await decisionApi.listDrafts(join.sessionId, join.token, ctrl)).drafts, {
    refreshOn: signal,
  });
  const drafts = list.data;
  const error = list.error !== undefined ? errorMessage(t, list.error) : undefined;

  return (
    <div className="wr-dec-list-view">
      <p className="kern-body kern-body--small wr-muted">{t('decisions.area.intro')}</p>
      {moderator ? (
        <p>
          <button type="button" className="kern-btn kern-btn--primary" onClick={() => setPicking(true)} data-testid="decision-new">
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t('decisions.area.new')}</span>
          </button>
        </p>
      ) : null}
      {error ? (
        <Alert variant="danger" title={t('errors.title')}>
          <p className="kern-body">{error}</p>
        </Alert>
      ) : null}
      {drafts === undefined && !error ? (
        <p className="kern-body" role="status">
          {t('decisions.area.loading')}
        </p>
      ) : drafts?.length === 0 ? (
        <p className="kern-body" data-testid="decision-list-empty">
          {t('decisions.area.empty')}
        </p>
      ) : drafts ? (
        <div className="wr-dec-table__scroll">
          <table className="kern-table wr-dec-list-table" data-testid="decision-list" role="table">
            <caption className="wr-sr-only">{t('decisions.list.caption')}</caption>
            <thead className="kern-table__head" role="rowgroup">
              <tr className="kern-table__row" role="row">
                <th scope="col" role="columnheader" className="kern-table__header">{t('decisions.list.reference')}</th>
                <th scope="col" role="columnheader" className="kern-table__header">{t('decisions.list.title')}</th>
                <th scope="col" role="columnheader" className="kern-table__header">{t('decisions.list.status')}</th>
                <th scope="col" role="columnheader" className="kern-table__header">{t('decisions.list.version')}</th>
                <th scope="col" role="columnheader" className="kern-table__header">{t('decisions.list.decision')}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body" aria-live="polite" role="rowgroup">
              {drafts.map((d) => (
                <tr key={d.id} className="kern-table__row" role="row" data-testid="decision-list-item" data-draft-id={d.id}>
                  <td className="kern-table__cell" role="cell" data-label={t('decisions.list.reference')}>{d.reference}</td>
                  <td className="kern-table__cell" role="cell" data-label={t('decisions.list.title')}>
                    <Link to={decisionsPath(join.sessionId, d.id)} state={{ focus: 'section' }} className="kern-link" data-testid="decision-list-open">
                      {d.title || t('decisions.list.untitled')}
                    </Link>
                  </td>
                  <td className="kern-table__cell" role="cell" data-label={t('decisions.list.status')}>
                    <StatusBadge status={d.status} small testId="decision-status" />
                  </td>
                  <td className="kern-table__cell" role="cell" data-label={t('decisions.list.version')}>{d.latestVersion > 0 ? t('decisions.list.versionN', { n: d.latestVersion }) : t('decisions.list.noVersion')}</td>
                  <td className="kern-table__cell" role="cell" data-label={t('decisions.list.decision')}>{d.decision ? <DecisionBadge decision={d.decision} small /> : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {moderator ? <ProtokollExport sessionId={join.sessionId} token={join.token} /> : null}
      {picking ? (
        <SourcePicker
          join={join}
          onClose={() => setPicking(false)}
          onDone={(res) => {
            setPicking(false);
            void navigate(decisionsPath(join.sessionId, res.draft.id), { state: { focus: 'section' } });
          }}
        />
      ) : null}
    </div>
  );
}

interface DraftViewProps {
  join: JoinResponse;
  draftId: string;
  synced: SyncedDoc | undefined;
  signal: string;
  moderator: boolean;
  readOnly: boolean;
  user: PresenceUser;
  ctx: WriteContext;
}

function DraftView({ join, draftId, synced, signal, moderator, readOnly, user, ctx }: DraftViewProps) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'sources' | 'handover' | undefined>();
  const [announcement, setAnnouncement] = useState('');
  // Read again whenever the server signals a status change (a hand-over, a decision).
  const fetched = useFetch(['decision-draft', draftId, join.token], async (ctrl) => (await decisionApi.getDraft(draftId, join.token, ctrl)).draft, {
    refreshOn: signal,
    onSuccess: (next, prev) => {
      if (prev && (prev.status !== next.status || prev.latestVersion !== next.latestVersion)) setAnnouncement(t('decisions.area.updated'));
    },
  });
  const draft = fetched.data;
  const error = fetched.error !== undefined ? errorMessage(t, fetched.error) : undefined;

  const back = (
    <p>
      <Link to={decisionsPath(join.sessionId)} className="kern-link" data-testid="decision-back">
        <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
        {t('decisions.area.back')}
      </Link>
    </p>
  );
  if (error && !draft) {
    return (
      <>
        {back}
        <Alert variant="danger" title={t('errors.title')}>
          <p className="kern-body">{error}</p>
        </Alert>
      </>
    );
  }
  if (!draft || !synced) {
    return (
      <>
        {back}
        <p className="kern-body" role="status">
          {t('decisions.editor.loading')}
        </p>
      </>
    );
  }
  const editable = !readOnly && !['in_beratung', 'beschlossen', 'geaendert_beschlossen', 'abgelehnt'].includes(draft.status);
  const canHandOver = moderator && draft.nextStatuses.includes('uebergeben');

  return (
    <div className="wr-dec-draft" data-testid="decision-draft" data-draft-id={draft.id} data-status={draft.status}>
      {back}
      <div className="wr-dec-draft__head">
        <p className="kern-preline">
          {draft.reference} · {draft.gremium}
        </p>
        <h3 className="kern-heading-medium" data-testid="decision-draft-title">
          {draft.title || t('decisions.list.untitled')}
        </h3>
        <p className="kern-body kern-body--small">
          <StatusBadge status={draft.status} small testId="decision-status" /> {draft.latestVersion > 0 ? t('decisions.list.versionN', { n: draft.latestVersion }) : t('decisions.list.noVersion')}
        </p>
      </div>
      <div className="wr-sr-only" role="status" aria-live="polite">
        {announcement}
      </div>
      {draft.decision ? <DecisionBox decision={draft.decision} /> : null}
      <DraftWorkspace
        doc={synced.doc}
        synced={synced}
        draft={draft}
        join={join}
        moderator={moderator}
        readOnly={!editable}
        user={user}
        ctx={ctx}
        canHandOver={canHandOver}
        onOpen={setDialog}
      />
      {dialog === 'sources' ? (
        <SourcePicker
          join={join}
          draftId={draft.id}
          onClose={() => setDialog(undefined)}
          onDone={(res) => {
            setDialog(undefined);
            fetched.mutate(res.draft);
          }}
        />
      ) : null}
      {dialog === 'handover' ? <HandoverSlot draft={draft} synced={synced} join={join} onClose={() => setDialog(undefined)} onDone={fetched.refresh} /> : null}
    </div>
  );
}

/** The live findings of a draft: the shared check over the co-edited content and the provenance. */
function useLiveFindings(doc: Y.Doc, draft: DecisionDraftDetail) {
  const read = useCallback((d: Y.Doc) => readDecisionDraft(d, draft.id), [draft.id]);
  const live = useDocSnapshot(doc, read);
  return useMemo(() => checkCompleteness(mergeDecisionContent(live, draft.provenance), { sessionKind: draft.session.kind }), [live, draft.provenance, draft.session.kind]);
}

function HandoverSlot({ draft, synced, join, onClose, onDone }: { draft: DecisionDraftDetail; synced: SyncedDoc; join: JoinResponse; onClose: () => void; onDone: () => void }) {
  const findings = useLiveFindings(synced.doc, draft);
  return <HandoverDialog draftId={draft.id} token={join.token} findings={findings} onClose={onClose} onDone={onDone} />;
}

interface WorkspaceProps {
  doc: Y.Doc;
  synced: SyncedDoc;
  draft: DecisionDraftDetail;
  join: JoinResponse;
  moderator: boolean;
  readOnly: boolean;
  user: PresenceUser;
  ctx: WriteContext;
  canHandOver: boolean;
  onOpen: (dialog: 'sources' | 'handover') => void;
}

function DraftWorkspace({ doc, synced, draft, join, moderator, readOnly, user, ctx, canHandOver, onOpen }: WorkspaceProps) {
  const { t } = useTranslation();
  const findings = useLiveFindings(doc, draft);
  const undo = useDraftUndo(doc, draft.id, ctx.origin, !readOnly);
  // The comparison with the live draft follows edits, at most every few seconds.
  const [compareKey, setCompareKey] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        setCompareKey((k) => k + 1);
      }, 1500);
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      clearTimeout(timer);
    };
  }, [doc]);

  return (
    <>
      {/* The comparison stands below the workspace, outside its grid: the sticky side must not
          slide over it (a sticky box moves within its whole grid container). */}
      <div className="wr-dec-workspace">
        {/* Ctrl+Z here undoes the person's own edits of fields and rows (not inside the prose editors);
            each visit of a field or button is an undo step of its own. */}
        <div className="wr-dec-workspace__main" onKeyDown={undo.onKeyDown} onFocus={undo.onFocus}>
          <CompletenessJump findings={findings} />
          {readOnly ? null : (
            <div className="wr-dec-toolbar">
              {moderator ? (
                <button type="button" className="kern-btn kern-btn--secondary" onClick={() => onOpen('sources')} data-testid="decision-add-sources">
                  <span className="kern-icon kern-icon--add" aria-hidden="true" />
                  <span className="kern-label">{t('decisions.editor.addSources')}</span>
                </button>
              ) : null}
              <DraftUndoButtons undo={undo} />
            </div>
          )}
          <DraftEditor doc={doc} provider={synced.provider} draft={draft} ctx={ctx} readOnly={readOnly} user={user} sessionId={join.sessionId} />
        </div>
        <aside className="wr-dec-workspace__side" aria-label={t('decisions.editor.draftHeading')}>
          <CompletenessPanel findings={findings} />
          {canHandOver ? (
            <p>
              <button type="button" className="kern-btn kern-btn--primary" onClick={() => onOpen('handover')} data-testid="decision-handover">
                <span className="kern-label">{t('decisions.handover.button')}</span>
              </button>
            </p>
          ) : null}
          <VersionsList versions={draft.versions} />
          <ExportMenu draftId={draft.id} token={join.token} versions={draft.versions} allowCurrent />
        </aside>
      </div>
      <div className="wr-dec-workspace__wide">
        <VersionCompare draftId={draft.id} token={join.token} versions={draft.versions} allowCurrent refreshKey={`${compareKey}:${draft.latestVersion}`} />
      </div>
    </>
  );
}
