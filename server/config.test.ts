import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig: the store', () => {
  it('uses the SQLite file in DATA_DIR unless DATABASE_URL is set', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/werkraum-data' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dbFile).toBe('/tmp/werkraum-data/werkraum.sqlite');
    expect(loadConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeUndefined();
  });

  it('takes a postgres:// or postgresql:// DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://w:secret@db:5432/werkraum' }).databaseUrl).toBe('postgres://w:secret@db:5432/werkraum');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/werkraum?sslmode=require' }).databaseUrl).toBe('postgresql://db/werkraum?sslmode=require');
  });

  it('refuses any other DATABASE_URL with a message naming it', () => {
    for (const bad of ['mysql://db/werkraum', 'db:5432', 'postgres://db/wer kraum']) {
      expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    }
  });
});

describe('openStore', () => {
  it('names DATABASE_URL, not its password, when PostgreSQL cannot be reached', async () => {
    const { openStore } = await import('./store');
    const config = loadConfig({ DATABASE_URL: 'postgres://werkraum:geheim-4711@127.0.0.1:1/werkraum' });
    const opened = openStore(config);
    await expect(opened).rejects.toThrow(/Cannot open the PostgreSQL store \(DATABASE_URL\)/);
    await expect(opened).rejects.not.toThrow(/geheim-4711/);
  });
});
