import type Database from 'better-sqlite3';
import type { Organisation, OrganisationStore } from '../types';
import { translateConflict } from './errors';

interface OrganisationRow {
  id: string;
  name: string;
  created_at: string;
}

const toOrganisation = (row: OrganisationRow): Organisation => ({ id: row.id, name: row.name, createdAt: row.created_at });

/** The organisations an installation serves, in SQLite. */
export class SqliteOrganisationStore implements OrganisationStore {
  private readonly insert: Database.Statement<[string, string, string]>;
  private readonly selectById: Database.Statement<[string], OrganisationRow>;
  private readonly selectAll: Database.Statement<[], OrganisationRow>;
  private readonly updateName: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)');
    this.selectById = db.prepare('SELECT * FROM organisations WHERE id = ?');
    this.selectAll = db.prepare('SELECT * FROM organisations ORDER BY created_at, id');
    this.updateName = db.prepare('UPDATE organisations SET name = ? WHERE id = ?');
  }

  async create(input: { id: string; name: string; createdAt: string }): Promise<Organisation> {
    translateConflict(() => this.insert.run(input.id, input.name, input.createdAt));
    return { id: input.id, name: input.name, createdAt: input.createdAt };
  }

  async findById(id: string): Promise<Organisation | undefined> {
    const row = this.selectById.get(id);
    return row && toOrganisation(row);
  }

  async list(): Promise<Organisation[]> {
    return this.selectAll.all().map(toOrganisation);
  }

  async rename(id: string, name: string): Promise<boolean> {
    return this.updateName.run(name, id).changes === 1;
  }
}
