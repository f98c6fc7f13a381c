import { newId } from '../../auth/tokens';
import type { Account, AccountStore } from '../types';
import type { PgDb } from './db';

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

/** Moderator accounts, their login sessions (cookies) and one-time setup tokens in PostgreSQL. */
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

  async list(): Promise<Account[]> {
    // lower() on "C" text folds ASCII only, as SQLite's NOCASE does.
    return (await this.db.all<AccountRow>('SELECT * FROM accounts ORDER BY lower(display_name), email')).map(toAccount);
  }

  async upsert(input: { email: string; displayName: string; passwordHash: string }): Promise<Account> {
    const row: AccountRow = {
      id: newId(),
      email: input.email,
      display_name: input.displayName,
      password_hash: input.passwordHash,
      created_at: new Date().toISOString(),
    };
    // One statement, so two concurrent upserts of one email cannot both insert.
    const stored = await this.db.one<AccountRow>(
      `INSERT INTO accounts (id, email, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (email) DO UPDATE SET display_name = excluded.display_name, password_hash = excluded.password_hash
       RETURNING *`,
      [row.id, row.email, row.display_name, row.password_hash, row.created_at],
    );
    return toAccount(stored!);
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

  async createSetupToken(tokenHash: string, expiresAt: string): Promise<void> {
    await this.db.run('DELETE FROM setup_tokens WHERE expires_at <= ?', [new Date().toISOString()]);
    await this.db.run('INSERT INTO setup_tokens (token_hash, expires_at) VALUES (?, ?)', [tokenHash, expiresAt]);
  }

  async consumeSetupToken(tokenHash: string, now: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM setup_tokens WHERE token_hash = ? AND expires_at > ?', [tokenHash, now])) === 1;
  }
}
