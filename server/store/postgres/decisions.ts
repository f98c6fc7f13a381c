import type { PgDb, Queryable } from './db';
import type { AuditAction, DecisionActorRef, DecisionAuditEvent, DecisionComment, DecisionRecord, DecisionVersionMeta, DraftStatus } from '../../../shared/decision';
import type { DecisionProvenance } from '../../../shared/schema/decisions';
import type { DecisionStore, InvitationRecord, LenkungskreisDeviceRecord, LenkungskreisMemberRecord, NewVersion, StoredDraft } from '../types';
import { type AuditInput, type AuditRow, type CommentRow, DEVICE_COLUMNS, type DeviceRow, type DraftRow, type InvitationRow, type MemberRow, type VersionRow, toAudit, toComment, toDevice, toDraft, toInvitation, toMember, toVersionMeta } from '../rows/decisions';

/**
 * Decision drafts and the Lenkungskreis in PostgreSQL (see DecisionStore). Every compare-and-set
 * reads the row it checks with `FOR UPDATE` inside its transaction, so two concurrent requests
 * cannot both move a draft or both redeem one code.
 */
export class PgDecisionStore implements DecisionStore {
  constructor(private readonly db: PgDb) {}

  private async audit(e: AuditInput, q?: Queryable): Promise<void> {
    await this.db.run(
      `INSERT INTO decision_audit (draft_id, at, actor_json, action, from_status, to_status, version, content_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.draftId, e.at, JSON.stringify(e.actor), e.action, e.fromStatus ?? null, e.toStatus ?? null, e.version ?? null, e.contentHash ?? null],
      q,
    );
  }

  private draftRow(id: string, q?: Queryable, lock = false): Promise<DraftRow | undefined> {
    return this.db.one<DraftRow>(`SELECT * FROM decision_drafts WHERE id = ?${lock ? ' FOR UPDATE' : ''}`, [id], q);
  }

  private async nextReference(year: number, q: Queryable): Promise<string> {
    const row = await this.db.one<{ last: number }>(
      'INSERT INTO decision_references (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = decision_references.last + 1 RETURNING last',
      [year],
      q,
    );
    return `LK-${year}-${String(row!.last).padStart(3, '0')}`;
  }

  async createDraft(input: {
    id: string;
    sessionId: string;
    title: string;
    gremium: string;
    provenance: DecisionProvenance;
    createdBy: DecisionActorRef;
    createdAt: string;
  }): Promise<StoredDraft> {
    return this.db.tx(async (q) => {
      const reference = await this.nextReference(Number(input.createdAt.slice(0, 4)), q);
      await this.db.run(
        `INSERT INTO decision_drafts (id, session_id, reference, status, title, gremium, provenance_json, latest_version, created_by_json, created_at, updated_at)
         VALUES (?, ?, ?, 'entwurf', ?, ?, ?, 0, ?, ?, ?)`,
        [
          input.id,
          input.sessionId,
          reference,
          input.title,
          input.gremium,
          JSON.stringify(input.provenance),
          JSON.stringify(input.createdBy),
          input.createdAt,
          input.createdAt,
        ],
        q,
      );
      await this.audit({ draftId: input.id, at: input.createdAt, actor: input.createdBy, action: 'created', toStatus: 'entwurf' }, q);
      return toDraft((await this.draftRow(input.id, q))!);
    });
  }

  async findDraft(id: string): Promise<StoredDraft | undefined> {
    const row = await this.draftRow(id);
    return row && toDraft(row);
  }

  async listForSession(sessionId: string): Promise<StoredDraft[]> {
    const rows = await this.db.all<DraftRow>('SELECT * FROM decision_drafts WHERE session_id = ? ORDER BY created_at DESC, id', [sessionId]);
    return rows.map(toDraft);
  }

  async listHandedOver(organisationId: string): Promise<StoredDraft[]> {
    const rows = await this.db.all<DraftRow>(
      `SELECT d.* FROM decision_drafts d JOIN sessions s ON s.id = d.session_id
       WHERE d.last_handed_over_at IS NOT NULL AND s.organisation_id = ? ORDER BY d.last_handed_over_at DESC, d.id`,
      [organisationId],
    );
    return rows.map(toDraft);
  }

  async updateProvenance(id: string, provenance: DecisionProvenance, actor: DecisionActorRef, at: string): Promise<StoredDraft | undefined> {
    return this.db.tx(async (q) => {
      const changed = await this.db.run('UPDATE decision_drafts SET provenance_json = ?, updated_at = ? WHERE id = ?', [JSON.stringify(provenance), at, id], q);
      if (changed === 0) return undefined;
      await this.audit({ draftId: id, at, actor, action: 'sources_added' }, q);
      return toDraft((await this.draftRow(id, q))!);
    });
  }

  async freezeVersion(
    id: string,
    from: readonly DraftStatus[],
    v: NewVersion,
  ): Promise<{ draft: StoredDraft; version: DecisionVersionMeta } | undefined> {
    return this.db.tx(async (q) => {
      const row = await this.draftRow(id, q, true);
      if (!row || !from.includes(row.status as DraftStatus)) return undefined;
      const number = row.latest_version + 1;
      await this.db.run(
        `INSERT INTO decision_versions (draft_id, number, content_json, content_hash, handed_over_at, handed_over_by_json, findings_json, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, number, v.contentJson, v.contentHash, v.handedOverAt, JSON.stringify(v.handedOverBy), JSON.stringify(v.findings), v.note],
        q,
      );
      await this.db.run(
        `UPDATE decision_drafts SET status = 'uebergeben', latest_version = ?, title = ?, gremium = ?, updated_at = ?, last_handed_over_at = ?
         WHERE id = ?`,
        [number, v.title, v.gremium, v.handedOverAt, v.handedOverAt, id],
        q,
      );
      await this.audit(
        {
          draftId: id,
          at: v.handedOverAt,
          actor: v.handedOverBy,
          action: 'handed_over',
          fromStatus: row.status as DraftStatus,
          toStatus: 'uebergeben',
          version: number,
          contentHash: v.contentHash,
        },
        q,
      );
      const version = await this.db.one<VersionRow>('SELECT * FROM decision_versions WHERE draft_id = ? AND number = ?', [id, number], q);
      return { draft: toDraft((await this.draftRow(id, q))!), version: toVersionMeta(version!) };
    });
  }

  async changeStatus(
    id: string,
    from: DraftStatus,
    to: DraftStatus,
    actor: DecisionActorRef,
    at: string,
    decision?: DecisionRecord,
  ): Promise<StoredDraft | undefined> {
    return this.db.tx(async (q) => {
      const row = await this.draftRow(id, q, true);
      if (!row || row.status !== from) return undefined;
      await this.db.run(
        'UPDATE decision_drafts SET status = ?, updated_at = ?, decision_json = COALESCE(?, decision_json) WHERE id = ?',
        [to, at, decision ? JSON.stringify(decision) : null, id],
        q,
      );
      await this.audit(
        {
          draftId: id,
          at,
          actor,
          action: decision ? 'decision_recorded' : 'status_changed',
          fromStatus: from,
          toStatus: to,
          version: decision?.version ?? row.latest_version,
        },
        q,
      );
      return toDraft((await this.draftRow(id, q))!);
    });
  }

  async listVersions(draftId: string): Promise<DecisionVersionMeta[]> {
    const rows = await this.db.all<VersionRow>('SELECT * FROM decision_versions WHERE draft_id = ? ORDER BY number', [draftId]);
    return rows.map(toVersionMeta);
  }

  async findVersion(draftId: string, number: number): Promise<{ meta: DecisionVersionMeta; contentJson: string } | undefined> {
    const row = await this.db.one<VersionRow>('SELECT * FROM decision_versions WHERE draft_id = ? AND number = ?', [draftId, number]);
    return row && { meta: toVersionMeta(row), contentJson: row.content_json };
  }

  async addComment(c: DecisionComment): Promise<void> {
    await this.db.tx(async (q) => {
      await this.db.run(
        'INSERT INTO decision_comments (id, draft_id, version, text, author_json, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [c.id, c.draftId, c.version, c.text, JSON.stringify(c.author), c.createdAt],
        q,
      );
      await this.audit({ draftId: c.draftId, at: c.createdAt, actor: c.author, action: 'commented', version: c.version }, q);
    });
  }

  async listComments(draftId: string): Promise<DecisionComment[]> {
    const rows = await this.db.all<CommentRow>('SELECT * FROM decision_comments WHERE draft_id = ? ORDER BY created_at, id', [draftId]);
    return rows.map(toComment);
  }

  async appendAudit(draftId: string, at: string, actor: DecisionActorRef, action: AuditAction): Promise<void> {
    await this.audit({ draftId, at, actor, action });
  }

  async listAudit(draftId: string): Promise<DecisionAuditEvent[]> {
    const rows = await this.db.all<AuditRow>('SELECT * FROM decision_audit WHERE draft_id = ? ORDER BY id', [draftId]);
    return rows.map(toAudit);
  }

  async createInvitation(r: Omit<InvitationRecord, 'organisationId'>, codeHash: string): Promise<InvitationRecord> {
    const row = await this.db.one<InvitationRow>(
      `INSERT INTO lenkungskreis_invitations (id, code_hash, label, created_by, created_at, expires_at, used_at, member_id, withdrawn_at, organisation_id)
       VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, (SELECT organisation_id FROM accounts WHERE id = ?)) RETURNING *`,
      [r.id, codeHash, r.label, r.createdBy, r.createdAt, r.expiresAt, r.createdBy],
    );
    return toInvitation(row!);
  }

  async listInvitations(organisationId: string): Promise<InvitationRecord[]> {
    const rows = await this.db.all<InvitationRow>('SELECT * FROM lenkungskreis_invitations WHERE organisation_id = ? ORDER BY created_at DESC, id', [organisationId]);
    return rows.map(toInvitation);
  }

  async findInvitation(id: string): Promise<InvitationRecord | undefined> {
    const row = await this.db.one<InvitationRow>('SELECT * FROM lenkungskreis_invitations WHERE id = ?', [id]);
    return row && toInvitation(row);
  }

  private openInvitation(codeHash: string, now: string, q?: Queryable, lock = false): Promise<InvitationRow | undefined> {
    return this.db.one<InvitationRow>(
      `SELECT * FROM lenkungskreis_invitations WHERE code_hash = ? AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > ?${lock ? ' FOR UPDATE' : ''}`,
      [codeHash, now],
      q,
    );
  }

  async findOpenInvitation(codeHash: string, now: string): Promise<InvitationRecord | undefined> {
    const row = await this.openInvitation(codeHash, now);
    return row && toInvitation(row);
  }

  async withdrawInvitation(id: string, at: string): Promise<boolean> {
    return (await this.db.run('UPDATE lenkungskreis_invitations SET withdrawn_at = ? WHERE id = ? AND used_at IS NULL AND withdrawn_at IS NULL', [at, id])) > 0;
  }

  async redeemInvitation(
    codeHash: string,
    now: string,
    member: Omit<LenkungskreisMemberRecord, 'organisationId'>,
    tokenHash: string,
  ): Promise<LenkungskreisMemberRecord | undefined> {
    return this.db.tx(async (q) => {
      const inv = await this.openInvitation(codeHash, now, q, true);
      if (!inv) return undefined;
      await this.db.run(
        'INSERT INTO lenkungskreis_members (id, display_name, token_hash, invitation_id, created_at, revoked_at, organisation_id) VALUES (?, ?, ?, ?, ?, NULL, ?)',
        [member.id, member.displayName, tokenHash, inv.id, member.createdAt, inv.organisation_id],
        q,
      );
      await this.db.run('UPDATE lenkungskreis_invitations SET used_at = ?, member_id = ? WHERE id = ?', [now, member.id, inv.id], q);
      // The device the invitation was opened on is the member's first device.
      await this.db.run(
        "INSERT INTO lenkungskreis_devices (id, member_id, token_hash, label, created_at, revoked_at) VALUES (?, ?, ?, '', ?, NULL)",
        [`first-${member.id}`, member.id, tokenHash, member.createdAt],
        q,
      );
      return { ...member, organisationId: inv.organisation_id, invitationId: inv.id, revokedAt: null };
    });
  }

  async findMemberByToken(tokenHash: string): Promise<LenkungskreisMemberRecord | undefined> {
    return (await this.findDeviceByToken(tokenHash))?.member;
  }

  async findDeviceByToken(tokenHash: string): Promise<{ device: LenkungskreisDeviceRecord; member: LenkungskreisMemberRecord } | undefined> {
    const row = await this.db.one<MemberRow & { device_id: string }>(
      'SELECT d.id AS device_id, m.* FROM lenkungskreis_devices d JOIN lenkungskreis_members m ON m.id = d.member_id WHERE d.token_hash = ? AND d.revoked_at IS NULL AND m.revoked_at IS NULL',
      [tokenHash],
    );
    if (!row) return undefined;
    const device = await this.db.one<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM lenkungskreis_devices d WHERE d.id = ?`, [row.device_id]);
    return { device: toDevice(device!), member: toMember(row) };
  }

  async listDevices(memberId: string): Promise<LenkungskreisDeviceRecord[]> {
    const rows = await this.db.all<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM lenkungskreis_devices d WHERE d.member_id = ? ORDER BY d.created_at, d.id`, [memberId]);
    return rows.map(toDevice);
  }

  async revokeDevice(memberId: string, deviceId: string, at: string): Promise<boolean> {
    return (await this.db.run('UPDATE lenkungskreis_devices SET revoked_at = ? WHERE id = ? AND member_id = ? AND revoked_at IS NULL', [at, deviceId, memberId])) > 0;
  }

  async createDeviceLink(memberId: string, codeHash: string, createdAt: string, expiresAt: string): Promise<void> {
    await this.db.run('INSERT INTO lenkungskreis_device_links (code_hash, member_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, NULL)', [
      codeHash,
      memberId,
      createdAt,
      expiresAt,
    ]);
  }

  private openDeviceLink(codeHash: string, now: string, q?: Queryable, lock = false): Promise<MemberRow | undefined> {
    return this.db.one<MemberRow>(
      `SELECT m.* FROM lenkungskreis_device_links l JOIN lenkungskreis_members m ON m.id = l.member_id
       WHERE l.code_hash = ? AND l.used_at IS NULL AND l.expires_at > ? AND m.revoked_at IS NULL${lock ? ' FOR UPDATE OF l' : ''}`,
      [codeHash, now],
      q,
    );
  }

  async findOpenDeviceLink(codeHash: string, now: string): Promise<LenkungskreisMemberRecord | undefined> {
    const row = await this.openDeviceLink(codeHash, now);
    return row && toMember(row);
  }

  async redeemDeviceLink(
    codeHash: string,
    now: string,
    device: Omit<LenkungskreisDeviceRecord, 'memberId' | 'revokedAt'>,
    tokenHash: string,
  ): Promise<{ device: LenkungskreisDeviceRecord; member: LenkungskreisMemberRecord } | undefined> {
    return this.db.tx(async (q) => {
      const member = await this.openDeviceLink(codeHash, now, q, true);
      if (!member) return undefined;
      await this.db.run('UPDATE lenkungskreis_device_links SET used_at = ? WHERE code_hash = ?', [now, codeHash], q);
      await this.db.run(
        'INSERT INTO lenkungskreis_devices (id, member_id, token_hash, label, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)',
        [device.id, member.id, tokenHash, device.label, device.createdAt],
        q,
      );
      return { device: { ...device, memberId: member.id, revokedAt: null }, member: toMember(member) };
    });
  }

  async findMember(id: string): Promise<LenkungskreisMemberRecord | undefined> {
    const row = await this.db.one<MemberRow>('SELECT * FROM lenkungskreis_members WHERE id = ?', [id]);
    return row && toMember(row);
  }

  async listMembers(organisationId: string): Promise<LenkungskreisMemberRecord[]> {
    const rows = await this.db.all<MemberRow>('SELECT * FROM lenkungskreis_members WHERE organisation_id = ? ORDER BY created_at, id', [organisationId]);
    return rows.map(toMember);
  }

  async revokeMember(id: string, at: string): Promise<boolean> {
    return (await this.db.run('UPDATE lenkungskreis_members SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id])) > 0;
  }
}
