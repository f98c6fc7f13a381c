import type Database from 'better-sqlite3';
import { newId } from '../../auth/tokens';
import { type Account, type AccountRole, type AccountStore, DEFAULT_ORGANISATION_NAME, type SetupTokenRecord } from '../types';
import { translateConflict } from './errors';
import { type AccountRow, type NewAccount, toAccount } from '../rows/accounts';

/** Staff accounts, their login sessions (cookies) and one-time setup tokens in SQLite. */
export class SqliteAccountStore implements AccountStore {
  private readonly countAll: Database.Statement<[], { n: number }>;
  private readonly selectByEmail: Database.Statement<[string], AccountRow>;
  private readonly selectById: Database.Statement<[string], AccountRow>;
  private readonly selectInOrganisation: Database.Statement<[string], AccountRow>;
  private readonly selectFirstOrganisation: Database.Statement<[], { id: string }>;
  private readonly insertOrganisation: Database.Statement<[string, string, string]>;
  private readonly insertAccount: Database.Statement<[AccountRow]>;
  private readonly updateAccount: Database.Statement<[string, string, string]>;
  private readonly updateRole: Database.Statement<[string, string]>;
  private readonly countAdmins: Database.Statement<[string], { n: number }>;
  private readonly insertLogin: Database.Statement<[string, string, string]>;
  private readonly selectLogin: Database.Statement<[string], { account_id: string; expires_at: string }>;
  private readonly deleteLoginRow: Database.Statement<[string]>;
  private readonly deleteExpiredLogins: Database.Statement<[string]>;
  private readonly insertSetupToken: Database.Statement<[string, string, string | null]>;
  private readonly deleteAccountSetupTokens: Database.Statement<[string]>;
  private readonly selectSetupToken: Database.Statement<[string, string], { account_id: string | null; expires_at: string }>;
  private readonly deleteSetupToken: Database.Statement<[string]>;
  private readonly deleteExpiredSetupTokens: Database.Statement<[string]>;
  private readonly upsertTx: (input: Omit<NewAccount, 'organisationId' | 'role'> & Partial<NewAccount>) => AccountRow;
  private readonly createTx: (input: NewAccount) => AccountRow;
  private readonly setRoleTx: (accountId: string, role: AccountRole) => 'changed' | 'last_admin' | 'not_found';
  private readonly consumeTx: (tokenHash: string, now: string) => SetupTokenRecord | undefined;

  constructor(db: Database.Database) {
    this.countAll = db.prepare('SELECT COUNT(*) AS n FROM accounts');
    this.selectByEmail = db.prepare('SELECT * FROM accounts WHERE email = ?');
    this.selectById = db.prepare('SELECT * FROM accounts WHERE id = ?');
    this.selectInOrganisation = db.prepare('SELECT * FROM accounts WHERE organisation_id = ? ORDER BY display_name COLLATE NOCASE, email');
    this.selectFirstOrganisation = db.prepare('SELECT id FROM organisations ORDER BY created_at, id LIMIT 1');
    this.insertOrganisation = db.prepare('INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)');
    this.insertAccount = db.prepare(
      `INSERT INTO accounts (id, email, display_name, password_hash, created_at, organisation_id, role)
       VALUES (@id, @email, @display_name, @password_hash, @created_at, @organisation_id, @role)`,
    );
    this.updateAccount = db.prepare('UPDATE accounts SET display_name = ?, password_hash = ? WHERE id = ?');
    this.updateRole = db.prepare('UPDATE accounts SET role = ? WHERE id = ?');
    this.countAdmins = db.prepare("SELECT COUNT(*) AS n FROM accounts WHERE organisation_id = ? AND role = 'admin'");
    this.insertLogin = db.prepare('INSERT INTO logins (token_hash, account_id, expires_at) VALUES (?, ?, ?)');
    this.selectLogin = db.prepare('SELECT account_id, expires_at FROM logins WHERE token_hash = ?');
    this.deleteLoginRow = db.prepare('DELETE FROM logins WHERE token_hash = ?');
    this.deleteExpiredLogins = db.prepare('DELETE FROM logins WHERE expires_at <= ?');
    this.insertSetupToken = db.prepare('INSERT INTO setup_tokens (token_hash, expires_at, account_id) VALUES (?, ?, ?)');
    this.deleteAccountSetupTokens = db.prepare('DELETE FROM setup_tokens WHERE account_id = ?');
    this.selectSetupToken = db.prepare('SELECT account_id, expires_at FROM setup_tokens WHERE token_hash = ? AND expires_at > ?');
    this.deleteSetupToken = db.prepare('DELETE FROM setup_tokens WHERE token_hash = ?');
    this.deleteExpiredSetupTokens = db.prepare('DELETE FROM setup_tokens WHERE expires_at <= ?');

    const insert = (input: NewAccount): AccountRow => {
      const row: AccountRow = {
        id: newId(),
        email: input.email,
        display_name: input.displayName,
        password_hash: input.passwordHash,
        created_at: new Date().toISOString(),
        organisation_id: input.organisationId,
        role: input.role,
      };
      this.insertAccount.run(row);
      return row;
    };
    this.upsertTx = db.transaction((input: Omit<NewAccount, 'organisationId' | 'role'> & Partial<NewAccount>) => {
      const existing = this.selectByEmail.get(input.email);
      if (existing) {
        this.updateAccount.run(input.displayName, input.passwordHash, existing.id);
        return { ...existing, display_name: input.displayName, password_hash: input.passwordHash };
      }
      let organisationId = input.organisationId ?? this.selectFirstOrganisation.get()?.id;
      if (organisationId === undefined) {
        organisationId = newId();
        this.insertOrganisation.run(organisationId, DEFAULT_ORGANISATION_NAME, new Date().toISOString());
      }
      return insert({ ...input, organisationId, role: input.role ?? 'admin' });
    });
    this.createTx = db.transaction(insert);
    this.setRoleTx = db.transaction((accountId: string, role: AccountRole) => {
      const account = this.selectById.get(accountId);
      if (!account) return 'not_found';
      if (account.role === role) return 'changed';
      this.updateRole.run(role, accountId);
      if ((this.countAdmins.get(account.organisation_id)?.n ?? 0) === 0) {
        throw new LastAdmin();
      }
      return 'changed';
    });
    this.consumeTx = db.transaction((tokenHash: string, now: string) => {
      const row = this.selectSetupToken.get(tokenHash, now);
      if (!row) return undefined;
      this.deleteSetupToken.run(tokenHash);
      return { accountId: row.account_id, expiresAt: row.expires_at };
    });
  }

  async count(): Promise<number> {
    return this.countAll.get()?.n ?? 0;
  }

  async findByEmail(email: string): Promise<Account | undefined> {
    const row = this.selectByEmail.get(email);
    return row && toAccount(row);
  }

  async findById(id: string): Promise<Account | undefined> {
    const row = this.selectById.get(id);
    return row && toAccount(row);
  }

  async listInOrganisation(organisationId: string): Promise<Account[]> {
    return this.selectInOrganisation.all(organisationId).map(toAccount);
  }

  async upsert(input: { email: string; displayName: string; passwordHash: string; organisationId?: string; role?: AccountRole }): Promise<Account> {
    return toAccount(translateConflict(() => this.upsertTx(input)));
  }

  async create(input: NewAccount): Promise<Account> {
    return toAccount(translateConflict(() => this.createTx(input)));
  }

  async setRole(accountId: string, role: AccountRole): Promise<'changed' | 'last_admin' | 'not_found'> {
    try {
      return this.setRoleTx(accountId, role);
    } catch (err) {
      // Thrown inside the transaction so that it rolls the change back.
      if (err instanceof LastAdmin) return 'last_admin';
      throw err;
    }
  }

  async setPassword(accountId: string, displayName: string, passwordHash: string): Promise<boolean> {
    return this.updateAccount.run(displayName, passwordHash, accountId).changes === 1;
  }

  async createLogin(accountId: string, tokenHash: string, expiresAt: string): Promise<void> {
    // Expired rows would otherwise pile up forever; a login is rare enough to sweep here.
    this.deleteExpiredLogins.run(new Date().toISOString());
    translateConflict(() => this.insertLogin.run(tokenHash, accountId, expiresAt));
  }

  async findLogin(tokenHash: string): Promise<{ accountId: string; expiresAt: string } | undefined> {
    const row = this.selectLogin.get(tokenHash);
    return row && { accountId: row.account_id, expiresAt: row.expires_at };
  }

  async deleteLogin(tokenHash: string): Promise<void> {
    this.deleteLoginRow.run(tokenHash);
  }

  async createSetupToken(tokenHash: string, expiresAt: string, accountId?: string): Promise<void> {
    this.deleteExpiredSetupTokens.run(new Date().toISOString());
    // Only the newest link of an account works: a link passed on again replaces the earlier one.
    if (accountId !== undefined) this.deleteAccountSetupTokens.run(accountId);
    translateConflict(() => this.insertSetupToken.run(tokenHash, expiresAt, accountId ?? null));
  }

  async findSetupToken(tokenHash: string, now: string): Promise<SetupTokenRecord | undefined> {
    const row = this.selectSetupToken.get(tokenHash, now);
    return row && { accountId: row.account_id, expiresAt: row.expires_at };
  }

  async consumeSetupToken(tokenHash: string, now: string): Promise<SetupTokenRecord | undefined> {
    return this.consumeTx(tokenHash, now);
  }
}

class LastAdmin extends Error {}
