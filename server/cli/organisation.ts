/**
 * `npm run organisation -- create --name "Bildungsbüro Musterstadt" --admin-email a@kreis.de --admin-name "Anna Muster"`
 *
 * For operators of a service that hosts many organisations: creates an organisation and its first
 * administrator in the store the server uses (same configuration: DATA_DIR and the rest)
 * and prints a one-time link (valid 7 days) for the administrator to set their password. Runs
 * beside a running server (SQLite in WAL mode). `list` prints the organisations.
 */
import { parseArgs } from 'node:util';
import { createOrganisationWithAdmin, OrganisationSetupError } from '../auth/organisations';
import { ConfigError, loadConfig } from '../config';
import { createSqliteStore } from '../store/sqlite';

const USAGE = `Usage:
  npm run organisation -- create --name "<name>" --admin-email <email> --admin-name "<name>"
  npm run organisation -- list`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-name': { type: 'string' }, help: { type: 'boolean' } },
  });
  const command = positionals[0];
  if (values.help || (command !== 'create' && command !== 'list')) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const store = createSqliteStore(config.dbFile, config.sqliteSync);
  try {
    if (command === 'list') {
      for (const o of await store.organisations.list()) {
        const staff = await store.accounts.listInOrganisation(o.id);
        process.stdout.write(`${o.id}\t${o.name}\t${staff.length} staff\t${o.createdAt}\n`);
      }
      return 0;
    }
    const missing = (['name', 'admin-email', 'admin-name'] as const).filter((k) => !values[k]);
    if (missing.length > 0) {
      process.stderr.write(`Missing: ${missing.map((k) => `--${k}`).join(', ')}\n${USAGE}\n`);
      return 2;
    }
    const created = await createOrganisationWithAdmin(
      store,
      { name: values.name!, adminEmail: values['admin-email']!, adminName: values['admin-name']! },
      config.publicUrl ?? `http://localhost:${config.port}`,
    );
    process.stdout.write(
      `Organisation "${created.organisation.name}" created (${created.organisation.id}).\n` +
        `Administrator: ${created.admin.displayName} <${created.admin.email}>\n` +
        `One-time link to set the password (valid until ${created.expiresAt}), pass it on:\n${created.url}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof OrganisationSetupError || err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) process.stderr.write(`${err.message}\n${USAGE}\n`);
    else process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
