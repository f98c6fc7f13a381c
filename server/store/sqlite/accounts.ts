import type Database from 'better-sqlite3';
import { newId } from '../../auth/tokens';
import type { Account, AccountStore } from '../types';
import { translateConflict } from './errors';

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: string;
}

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

/** Moderator accounts, their login sessions (cookies) and one-time setup tokens in SQLite. */
export class SqliteAccountStore implements AccountStore {
  private readonly countAll: Database.Statement<[], { n: number }>;
  private readonly selectByEmail: Database.Statement<[string], AccountRow>;
  private readonly selectById: Database.Statement<[string], AccountRow>;
  private readonly selectAll: Database.Statement<[], AccountRow>;
  private readonly insertAccount: Database.Statement<[string, string, string, string, string]>;
  private readonly updateAccount: Database.Statement<[string, string, string]>;
  private readonly insertLogin: Database.Statement<[string, string, string]>;
  private readonly selectLogin: Database.Statement<[string], { account_id: string; expires_at: string }>;
  private readonly deleteLoginRow: Database.Statement<[string]>;
  private readonly deleteExpiredLogins: Database.Statement<[string]>;
  private readonly insertSetupToken: Database.Statement<[string, string]>;
  private readonly deleteSetupToken: Database.Statement<[string, string]>;
  private readonly deleteExpiredSetupTokens: Database.Statement<[string]>;
  private readonly upsertTx: (input: { email: string; displayName: string; passwordHash: string }) => AccountRow;

  constructor(db: Database.Database) {
    this.countAll = db.prepare('SELECT COUNT(*) AS n FROM accounts');
    this.selectByEmail = db.prepare('SELECT * FROM accounts WHERE email = ?');
    this.selectById = db.prepare('SELECT * FROM accounts WHERE id = ?');
    this.selectAll = db.prepare('SELECT * FROM accounts ORDER BY display_name COLLATE NOCASE, email');
    this.insertAccount = db.prepare(
      'INSERT INTO accounts (id, email, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.updateAccount = db.prepare('UPDATE accounts SET display_name = ?, password_hash = ? WHERE id = ?');
    this.insertLogin = db.prepare('INSERT INTO logins (token_hash, account_id, expires_at) VALUES (?, ?, ?)');
    this.selectLogin = db.prepare('SELECT account_id, expires_at FROM logins WHERE token_hash = ?');
    this.deleteLoginRow = db.prepare('DELETE FROM logins WHERE token_hash = ?');
    this.deleteExpiredLogins = db.prepare('DELETE FROM logins WHERE expires_at <= ?');
    this.insertSetupToken = db.prepare('INSERT INTO setup_tokens (token_hash, expires_at) VALUES (?, ?)');
    this.deleteSetupToken = db.prepare('DELETE FROM setup_tokens WHERE token_hash = ? AND expires_at > ?');
    this.deleteExpiredSetupTokens = db.prepare('DELETE FROM setup_tokens WHERE expires_at <= ?');
    this.upsertTx = db.transaction((input: { email: string; displayName: string; passwordHash: string }) => {
      const existing = this.selectByEmail.get(input.email);
      if (existing) {
        this.updateAccount.run(input.displayName, input.passwordHash, existing.id);
        return { ...existing, display_name: input.displayName, password_hash: input.passwordHash };
      }
      const row: AccountRow = {
        id: newId(),
        email: input.email,
        display_name: input.displayName,
        password_hash: input.passwordHash,
        created_at: new Date().toISOString(),
      };
      this.insertAccount.run(row.id, row.email, row.display_name, row.password_hash, row.created_at);
      return row;
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

  async list(): Promise<Account[]> {
    return this.selectAll.all().map(toAccount);
  }

  async upsert(input: { email: string; displayName: string; passwordHash: string }): Promise<Account> {
    return toAccount(translateConflict(() => this.upsertTx(input)));
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

  async createSetupToken(tokenHash: string, expiresAt: string): Promise<void> {
    this.deleteExpiredSetupTokens.run(new Date().toISOString());
    translateConflict(() => this.insertSetupToken.run(tokenHash, expiresAt));
  }

  async consumeSetupToken(tokenHash: string, now: string): Promise<boolean> {
    return this.deleteSetupToken.run(tokenHash, now).changes === 1;
  }
}
