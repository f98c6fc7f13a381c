import type Database from 'better-sqlite3';
import type { AuditAction, DecisionActorRef, DecisionAuditEvent, DecisionComment, DecisionRecord, DecisionVersionMeta, DraftStatus } from '../../../shared/decision';
import type { DecisionProvenance } from '../../../shared/schema/decisions';
import type { DecisionStore, InvitationRecord, LenkungskreisDeviceRecord, LenkungskreisMemberRecord, NewVersion, StoredDraft } from '../types';
import { type AuditInput, type AuditRow, type CommentRow, DEVICE_COLUMNS, type DeviceRow, type DraftRow, type InvitationRow, type MemberRow, type VersionRow, toAudit, toComment, toDevice, toDraft, toInvitation, toMember, toVersionMeta } from '../rows/decisions';

/** Decision drafts and the Lenkungskreis in SQLite (see DecisionStore). */
export class SqliteDecisionStore implements DecisionStore {
  constructor(private readonly db: Database.Database) {}

  private audit(e: AuditInput): void {
    this.db
      .prepare(
        `INSERT INTO decision_audit (draft_id, at, actor_json, action, from_status, to_status, version, content_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.draftId, e.at, JSON.stringify(e.actor), e.action, e.fromStatus ?? null, e.toStatus ?? null, e.version ?? null, e.contentHash ?? null);
  }

  private draftRow(id: string): DraftRow | undefined {
    return this.db.prepare('SELECT * FROM decision_drafts WHERE id = ?').get(id) as DraftRow | undefined;
  }

  private nextReference(year: number): string {
    const row = this.db
      .prepare('INSERT INTO decision_references (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last')
      .get(year) as { last: number };
    return `LK-${year}-${String(row.last).padStart(3, '0')}`;
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
    return this.db.transaction(() => {
      const reference = this.nextReference(Number(input.createdAt.slice(0, 4)));
      this.db
        .prepare(
          `INSERT INTO decision_drafts (id, session_id, reference, status, title, gremium, provenance_json, latest_version, created_by_json, created_at, updated_at)
           VALUES (?, ?, ?, 'entwurf', ?, ?, ?, 0, ?, ?, ?)`,
        )
        .run(
          input.id,
          input.sessionId,
          reference,
          input.title,
          input.gremium,
          JSON.stringify(input.provenance),
          JSON.stringify(input.createdBy),
          input.createdAt,
          input.createdAt,
        );
      this.audit({ draftId: input.id, at: input.createdAt, actor: input.createdBy, action: 'created', toStatus: 'entwurf' });
      return toDraft(this.draftRow(input.id)!);
    })();
  }

  async findDraft(id: string): Promise<StoredDraft | undefined> {
    const row = this.draftRow(id);
    return row && toDraft(row);
  }

  async listForSession(sessionId: string): Promise<StoredDraft[]> {
    const rows = this.db.prepare('SELECT * FROM decision_drafts WHERE session_id = ? ORDER BY created_at DESC, id').all(sessionId) as DraftRow[];
    return rows.map(toDraft);
  }

  async listHandedOver(organisationId: string): Promise<StoredDraft[]> {
    const rows = this.db
      .prepare(
        `SELECT d.* FROM decision_drafts d JOIN sessions s ON s.id = d.session_id
         WHERE d.last_handed_over_at IS NOT NULL AND s.organisation_id = ? ORDER BY d.last_handed_over_at DESC, d.id`,
      )
      .all(organisationId) as DraftRow[];
    return rows.map(toDraft);
  }

  async updateProvenance(id: string, provenance: DecisionProvenance, actor: DecisionActorRef, at: string): Promise<StoredDraft | undefined> {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare('UPDATE decision_drafts SET provenance_json = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify(provenance), at, id).changes;
      if (changed === 0) return undefined;
      this.audit({ draftId: id, at, actor, action: 'sources_added' });
      return toDraft(this.draftRow(id)!);
    })();
  }

  async freezeVersion(
    id: string,
    from: readonly DraftStatus[],
    v: NewVersion,
  ): Promise<{ draft: StoredDraft; version: DecisionVersionMeta } | undefined> {
    return this.db.transaction(() => {
      const row = this.draftRow(id);
      if (!row || !from.includes(row.status as DraftStatus)) return undefined;
      const number = row.latest_version + 1;
      this.db
        .prepare(
          `INSERT INTO decision_versions (draft_id, number, content_json, content_hash, handed_over_at, handed_over_by_json, findings_json, note)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, number, v.contentJson, v.contentHash, v.handedOverAt, JSON.stringify(v.handedOverBy), JSON.stringify(v.findings), v.note);
      this.db
        .prepare(
          `UPDATE decision_drafts SET status = 'uebergeben', latest_version = ?, title = ?, gremium = ?, updated_at = ?, last_handed_over_at = ?
           WHERE id = ?`,
        )
        .run(number, v.title, v.gremium, v.handedOverAt, v.handedOverAt, id);
      this.audit({
        draftId: id,
        at: v.handedOverAt,
        actor: v.handedOverBy,
        action: 'handed_over',
        fromStatus: row.status as DraftStatus,
        toStatus: 'uebergeben',
        version: number,
        contentHash: v.contentHash,
      });
      const version = this.db.prepare('SELECT * FROM decision_versions WHERE draft_id = ? AND number = ?').get(id, number) as VersionRow;
      return { draft: toDraft(this.draftRow(id)!), version: toVersionMeta(version) };
    })();
  }

  async changeStatus(
    id: string,
    from: DraftStatus,
    to: DraftStatus,
    actor: DecisionActorRef,
    at: string,
    decision?: DecisionRecord,
  ): Promise<StoredDraft | undefined> {
    return this.db.transaction(() => {
      const row = this.draftRow(id);
      if (!row || row.status !== from) return undefined;
      this.db
        .prepare('UPDATE decision_drafts SET status = ?, updated_at = ?, decision_json = COALESCE(?, decision_json) WHERE id = ?')
        .run(to, at, decision ? JSON.stringify(decision) : null, id);
      this.audit({
        draftId: id,
        at,
        actor,
        action: decision ? 'decision_recorded' : 'status_changed',
        fromStatus: from,
        toStatus: to,
        version: decision?.version ?? row.latest_version,
      });
      return toDraft(this.draftRow(id)!);
    })();
  }

  async listVersions(draftId: string): Promise<DecisionVersionMeta[]> {
    const rows = this.db.prepare('SELECT * FROM decision_versions WHERE draft_id = ? ORDER BY number').all(draftId) as VersionRow[];
    return rows.map(toVersionMeta);
  }

  async findVersion(draftId: string, number: number): Promise<{ meta: DecisionVersionMeta; contentJson: string } | undefined> {
    const row = this.db.prepare('SELECT * FROM decision_versions WHERE draft_id = ? AND number = ?').get(draftId, number) as VersionRow | undefined;
    return row && { meta: toVersionMeta(row), contentJson: row.content_json };
  }

  async addComment(c: DecisionComment): Promise<void> {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO decision_comments (id, draft_id, version, text, author_json, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(c.id, c.draftId, c.version, c.text, JSON.stringify(c.author), c.createdAt);
      this.audit({ draftId: c.draftId, at: c.createdAt, actor: c.author, action: 'commented', version: c.version });
    })();
  }

  async listComments(draftId: string): Promise<DecisionComment[]> {
    const rows = this.db.prepare('SELECT * FROM decision_comments WHERE draft_id = ? ORDER BY created_at, id').all(draftId) as CommentRow[];
    return rows.map(toComment);
  }

  async appendAudit(draftId: string, at: string, actor: DecisionActorRef, action: AuditAction): Promise<void> {
    this.audit({ draftId, at, actor, action });
  }

  async listAudit(draftId: string): Promise<DecisionAuditEvent[]> {
    const rows = this.db.prepare('SELECT * FROM decision_audit WHERE draft_id = ? ORDER BY id').all(draftId) as AuditRow[];
    return rows.map(toAudit);
  }

  async createInvitation(r: Omit<InvitationRecord, 'organisationId'>, codeHash: string): Promise<InvitationRecord> {
    this.db
      .prepare(
        `INSERT INTO lenkungskreis_invitations (id, code_hash, label, created_by, created_at, expires_at, used_at, member_id, withdrawn_at, organisation_id)
         VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, NULL, (SELECT organisation_id FROM accounts WHERE id = ?))`,
      )
      .run(r.id, codeHash, r.label, r.createdBy, r.createdAt, r.expiresAt, r.createdBy);
    const stored = await this.findInvitation(r.id);
    if (!stored) throw new Error('invitation not stored');
    return stored;
  }

  async listInvitations(organisationId: string): Promise<InvitationRecord[]> {
    const rows = this.db.prepare('SELECT * FROM lenkungskreis_invitations WHERE organisation_id = ? ORDER BY created_at DESC, id').all(organisationId) as InvitationRow[];
    return rows.map(toInvitation);
  }

  async findInvitation(id: string): Promise<InvitationRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM lenkungskreis_invitations WHERE id = ?').get(id) as InvitationRow | undefined;
    return row && toInvitation(row);
  }

  private openInvitation(codeHash: string, now: string): InvitationRow | undefined {
    return this.db
      .prepare('SELECT * FROM lenkungskreis_invitations WHERE code_hash = ? AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > ?')
      .get(codeHash, now) as InvitationRow | undefined;
  }

  async findOpenInvitation(codeHash: string, now: string): Promise<InvitationRecord | undefined> {
    const row = this.openInvitation(codeHash, now);
    return row && toInvitation(row);
  }

  async withdrawInvitation(id: string, at: string): Promise<boolean> {
    return (
      this.db.prepare('UPDATE lenkungskreis_invitations SET withdrawn_at = ? WHERE id = ? AND used_at IS NULL AND withdrawn_at IS NULL').run(at, id)
        .changes > 0
    );
  }

  async redeemInvitation(
    codeHash: string,
    now: string,
    member: Omit<LenkungskreisMemberRecord, 'organisationId'>,
    tokenHash: string,
  ): Promise<LenkungskreisMemberRecord | undefined> {
    return this.db.transaction(() => {
      const inv = this.openInvitation(codeHash, now);
      if (!inv) return undefined;
      this.db
        .prepare('INSERT INTO lenkungskreis_members (id, display_name, token_hash, invitation_id, created_at, revoked_at, organisation_id) VALUES (?, ?, ?, ?, ?, NULL, ?)')
        .run(member.id, member.displayName, tokenHash, inv.id, member.createdAt, inv.organisation_id);
      this.db.prepare('UPDATE lenkungskreis_invitations SET used_at = ?, member_id = ? WHERE id = ?').run(now, member.id, inv.id);
      // The device the invitation was opened on is the member's first device.
      this.db
        .prepare("INSERT INTO lenkungskreis_devices (id, member_id, token_hash, label, created_at, revoked_at) VALUES (?, ?, ?, '', ?, NULL)")
        .run(`first-${member.id}`, member.id, tokenHash, member.createdAt);
      return { ...member, organisationId: inv.organisation_id, invitationId: inv.id, revokedAt: null };
    })();
  }

  async findMemberByToken(tokenHash: string): Promise<LenkungskreisMemberRecord | undefined> {
    return (await this.findDeviceByToken(tokenHash))?.member;
  }

  async findDeviceByToken(tokenHash: string): Promise<{ device: LenkungskreisDeviceRecord; member: LenkungskreisMemberRecord } | undefined> {
    const row = this.db
      .prepare('SELECT d.id AS device_id, d.label AS label, m.* FROM lenkungskreis_devices d JOIN lenkungskreis_members m ON m.id = d.member_id WHERE d.token_hash = ? AND d.revoked_at IS NULL AND m.revoked_at IS NULL')
      .get(tokenHash) as (MemberRow & { device_id: string; label: string }) | undefined;
    if (!row) return undefined;
    const device = this.db.prepare(`SELECT ${DEVICE_COLUMNS} FROM lenkungskreis_devices d WHERE d.id = ?`).get(row.device_id) as DeviceRow;
    return { device: toDevice(device), member: toMember(row) };
  }

  async listDevices(memberId: string): Promise<LenkungskreisDeviceRecord[]> {
    const rows = this.db.prepare(`SELECT ${DEVICE_COLUMNS} FROM lenkungskreis_devices d WHERE d.member_id = ? ORDER BY d.created_at, d.id`).all(memberId) as DeviceRow[];
    return rows.map(toDevice);
  }

  async revokeDevice(memberId: string, deviceId: string, at: string): Promise<boolean> {
    return this.db.prepare('UPDATE lenkungskreis_devices SET revoked_at = ? WHERE id = ? AND member_id = ? AND revoked_at IS NULL').run(at, deviceId, memberId).changes > 0;
  }

  async createDeviceLink(memberId: string, codeHash: string, createdAt: string, expiresAt: string): Promise<void> {
    this.db.prepare('INSERT INTO lenkungskreis_device_links (code_hash, member_id, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, NULL)').run(codeHash, memberId, createdAt, expiresAt);
  }

  private openDeviceLink(codeHash: string, now: string): MemberRow | undefined {
    return this.db
      .prepare(
        `SELECT m.* FROM lenkungskreis_device_links l JOIN lenkungskreis_members m ON m.id = l.member_id
         WHERE l.code_hash = ? AND l.used_at IS NULL AND l.expires_at > ? AND m.revoked_at IS NULL`,
      )
      .get(codeHash, now) as MemberRow | undefined;
  }

  async findOpenDeviceLink(codeHash: string, now: string): Promise<LenkungskreisMemberRecord | undefined> {
    const row = this.openDeviceLink(codeHash, now);
    return row && toMember(row);
  }

  async redeemDeviceLink(
    codeHash: string,
    now: string,
    device: Omit<LenkungskreisDeviceRecord, 'memberId' | 'revokedAt'>,
    tokenHash: string,
  ): Promise<{ device: LenkungskreisDeviceRecord; member: LenkungskreisMemberRecord } | undefined> {
    return this.db.transaction(() => {
      const member = this.openDeviceLink(codeHash, now);
      if (!member) return undefined;
      this.db.prepare('UPDATE lenkungskreis_device_links SET used_at = ? WHERE code_hash = ?').run(now, codeHash);
      this.db
        .prepare('INSERT INTO lenkungskreis_devices (id, member_id, token_hash, label, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)')
        .run(device.id, member.id, tokenHash, device.label, device.createdAt);
      return { device: { ...device, memberId: member.id, revokedAt: null }, member: toMember(member) };
    })();
  }

  async findMember(id: string): Promise<LenkungskreisMemberRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM lenkungskreis_members WHERE id = ?').get(id) as MemberRow | undefined;
    return row && toMember(row);
  }

  async listMembers(organisationId: string): Promise<LenkungskreisMemberRecord[]> {
    const rows = this.db.prepare('SELECT * FROM lenkungskreis_members WHERE organisation_id = ? ORDER BY created_at, id').all(organisationId) as MemberRow[];
    return rows.map(toMember);
  }

  async revokeMember(id: string, at: string): Promise<boolean> {
    return this.db.prepare('UPDATE lenkungskreis_members SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes > 0;
  }
}
