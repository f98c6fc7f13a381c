/**
 * The accounts rows as both stores read them (server/store/sqlite and server/store/postgres have the
 * same tables and columns), and the records they become.
 */

import { type Account, type AccountRole } from '../types';

export interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: string;
  organisation_id: string;
  role: string;
}

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    organisationId: row.organisation_id,
    role: row.role === 'staff' ? 'staff' : 'admin',
  };
}

export interface NewAccount {
  email: string;
  displayName: string;
  passwordHash: string;
  organisationId: string;
  role: AccountRole;
}
