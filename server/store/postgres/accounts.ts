import { newId } from '../../auth/tokens';
import { type Account, type AccountRole, type AccountStore, DEFAULT_ORGANISATION_NAME, type SetupTokenRecord } from '../types';
import type { PgDb, Queryable } from './db';
import { type AccountRow, type NewAccount, toAccount } from '../rows/accounts';

/** Serialises the creation of the installation's first organisation (two first accounts at once). */
const FIRST_ORGANISATION_LOCK = 0x5765726b; // "Werk"

class LastAdmin extends Error {}

/** Staff accounts, their login sessions (cookies) and one-time setup tokens in PostgreSQL. */
export class PgAccountStore implements AccountStore {
  constructor(private readonly db: PgDb) {}

  async count(): Promise<number> {
    return Number((await this.db.one<{ n: string }>('SELECT COUNT(*) AS n FROM accounts'))?.n ?? 0);
  }

  async findByEmail(email: string): Promise<Account | undefined> {
    const row = await this.db.one<AccountRow>('SELECT * FROM accounts WHERE email = ?', [email]);
    return row && toAccount(row);
  }

  async findById(id: string): Promise<Account | undefined> {
    const row = await this.db.one<AccountRow>('SELECT * FROM accounts WHERE id = ?', [id]);
    return row && toAccount(row);
  }

  async listInOrganisation(organisationId: string): Promise<Account[]> {
    // lower() on "C" text folds ASCII only, as SQLite's NOCASE does.
    return (await this.db.all<AccountRow>('SELECT * FROM accounts WHERE organisation_id = ? ORDER BY lower(display_name), email', [organisationId])).map(toAccount);
  }

  /** Inserts the account; with `orUpdate`, an account of that email that appeared meanwhile is updated instead (keeping its organisation and role). */
  private async insert(input: NewAccount, q: Queryable, orUpdate = false): Promise<AccountRow> {
    const conflict = orUpdate ? ' ON CONFLICT (email) DO UPDATE SET display_name = excluded.display_name, password_hash = excluded.password_hash' : '';
    const row = await this.db.one<AccountRow>(
      `INSERT INTO accounts (id, email, display_name, password_hash, created_at, organisation_id, role) VALUES (?, ?, ?, ?, ?, ?, ?)${conflict} RETURNING *`,
      [newId(), input.email, input.displayName, input.passwordHash, new Date().toISOString(), input.organisationId, input.role],
      q,
    );
    return row!;
  }

  async upsert(input: { email: string; displayName: string; passwordHash: string; organisationId?: string; role?: AccountRole }): Promise<Account> {
    return this.db.tx(async (q) => {
      // An existing account keeps its organisation and role.
      const existing = await this.db.one<AccountRow>(
        'UPDATE accounts SET display_name = ?, password_hash = ? WHERE email = ? RETURNING *',
        [input.displayName, input.passwordHash, input.email],
        q,
      );
      if (existing) return toAccount(existing);
      let organisationId = input.organisationId;
      if (organisationId === undefined) {
        await this.db.run('SELECT pg_advisory_xact_lock(?)', [FIRST_ORGANISATION_LOCK], q);
        organisationId = (await this.db.one<{ id: string }>('SELECT id FROM organisations ORDER BY created_at, id LIMIT 1', [], q))?.id;
        if (organisationId === undefined) {
          organisationId = newId();
          await this.db.run('INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)', [organisationId, DEFAULT_ORGANISATION_NAME, new Date().toISOString()], q);
        }
      }
      return toAccount(await this.insert({ ...input, organisationId, role: input.role ?? 'admin' }, q, true));
    });
  }

  async create(input: NewAccount): Promise<Account> {
    return this.db.tx(async (q) => toAccount(await this.insert(input, q)));
  }

  async setRole(accountId: string, role: AccountRole): Promise<'changed' | 'last_admin' | 'not_found'> {
    try {
      return await this.db.tx(async (q) => {
        const account = await this.db.one<AccountRow>('SELECT * FROM accounts WHERE id = ?', [accountId], q);
        if (!account) return 'not_found' as const;
        // The organisation's administrators, locked: two demotions at once cannot both pass the check.
        await this.db.all("SELECT id FROM accounts WHERE organisation_id = ? AND role = 'admin' FOR UPDATE", [account.organisation_id], q);
        if (account.role === role) return 'changed' as const;
        await this.db.run('UPDATE accounts SET role = ? WHERE id = ?', [role, accountId], q);
        const admins = Number((await this.db.one<{ n: string }>("SELECT COUNT(*) AS n FROM accounts WHERE organisation_id = ? AND role = 'admin'", [account.organisation_id], q))?.n ?? 0);
        // Thrown inside the transaction so that it rolls the change back.
        if (admins === 0) throw new LastAdmin();
        return 'changed' as const;
      });
    } catch (err) {
      if (err instanceof LastAdmin) return 'last_admin';
      throw err;
    }
  }

  async setPassword(accountId: string, displayName: string, passwordHash: string): Promise<boolean> {
    return (await this.db.run('UPDATE accounts SET display_name = ?, password_hash = ? WHERE id = ?', [displayName, passwordHash, accountId])) === 1;
  }

  async createLogin(accountId: string, tokenHash: string, expiresAt: string): Promise<void> {
    // Expired rows would otherwise pile up forever; a login is rare enough to sweep here.
    await this.db.run('DELETE FROM logins WHERE expires_at <= ?', [new Date().toISOString()]);
    await this.db.run('INSERT INTO logins (token_hash, account_id, expires_at) VALUES (?, ?, ?)', [tokenHash, accountId, expiresAt]);
  }

  async findLogin(tokenHash: string): Promise<{ accountId: string; expiresAt: string } | undefined> {
    const row = await this.db.one<{ account_id: string; expires_at: string }>('SELECT account_id, expires_at FROM logins WHERE token_hash = ?', [tokenHash]);
    return row && { accountId: row.account_id, expiresAt: row.expires_at };
  }

  async deleteLogin(tokenHash: string): Promise<void> {
    await this.db.run('DELETE FROM logins WHERE token_hash = ?', [tokenHash]);
  }

  async createSetupToken(tokenHash: string, expiresAt: string, accountId?: string): Promise<void> {
    await this.db.tx(async (q) => {
      await this.db.run('DELETE FROM setup_tokens WHERE expires_at <= ?', [new Date().toISOString()], q);
      // Only the newest link of an account works: a link passed on again replaces the earlier one.
      if (accountId !== undefined) await this.db.run('DELETE FROM setup_tokens WHERE account_id = ?', [accountId], q);
      await this.db.run('INSERT INTO setup_tokens (token_hash, expires_at, account_id) VALUES (?, ?, ?)', [tokenHash, expiresAt, accountId ?? null], q);
    });
  }

  async findSetupToken(tokenHash: string, now: string): Promise<SetupTokenRecord | undefined> {
    const row = await this.db.one<{ account_id: string | null; expires_at: string }>('SELECT account_id, expires_at FROM setup_tokens WHERE token_hash = ? AND expires_at > ?', [tokenHash, now]);
    return row && { accountId: row.account_id, expiresAt: row.expires_at };
  }

  async consumeSetupToken(tokenHash: string, now: string): Promise<SetupTokenRecord | undefined> {
    const row = await this.db.one<{ account_id: string | null; expires_at: string }>(
      'DELETE FROM setup_tokens WHERE token_hash = ? AND expires_at > ? RETURNING account_id, expires_at',
      [tokenHash, now],
    );
    return row && { accountId: row.account_id, expiresAt: row.expires_at };
  }
}
