import type { Organisation, OrganisationStore } from '../types';
import type { PgDb } from './db';

interface OrganisationRow {
  id: string;
  name: string;
  created_at: string;
}

const toOrganisation = (row: OrganisationRow): Organisation => ({ id: row.id, name: row.name, createdAt: row.created_at });

/** The organisations an installation serves, in PostgreSQL. */
export class PgOrganisationStore implements OrganisationStore {
  constructor(private readonly db: PgDb) {}

  async create(input: { id: string; name: string; createdAt: string }): Promise<Organisation> {
    await this.db.run('INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)', [input.id, input.name, input.createdAt]);
    return { id: input.id, name: input.name, createdAt: input.createdAt };
  }

  async findById(id: string): Promise<Organisation | undefined> {
    const row = await this.db.one<OrganisationRow>('SELECT * FROM organisations WHERE id = ?', [id]);
    return row && toOrganisation(row);
  }

  async list(): Promise<Organisation[]> {
    return (await this.db.all<OrganisationRow>('SELECT * FROM organisations ORDER BY created_at, id')).map(toOrganisation);
  }

  async rename(id: string, name: string): Promise<boolean> {
    return (await this.db.run('UPDATE organisations SET name = ? WHERE id = ?', [name, id])) === 1;
  }
}
