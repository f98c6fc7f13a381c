/**
 * What the tests need beyond npm, checked (and where possible installed) before `npm test` runs:
 * Debian's Chromium at /usr/bin/chromium (Playwright drives it; browsers are not downloaded) and
 * poppler's pdftotext, pdfinfo and pdffonts (the PDF export tests read the files with them), LibreOffice
 * (the DOCX exports are converted by it in their test), and
 * PostgreSQL's initdb and pg_ctl (the store tests start a throwaway cluster of their own,
 * server/test/postgres.ts; the system's PostgreSQL service is not started).
 * As root on a system with apt-get, missing packages are installed; otherwise one message names
 * them and the command that installs them, and the tests do not start.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** Debian installs PostgreSQL's programs under /usr/lib/postgresql/<version>/bin (as server/test/postgres.ts looks for them). */
const hasPostgres = () =>
  existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((v) => ['initdb', 'pg_ctl'].every((c) => existsSync(join('/usr/lib/postgresql', v, 'bin', c))));

const NEEDS = [
  { what: 'Chromium at /usr/bin/chromium', present: () => existsSync('/usr/bin/chromium'), packages: ['chromium', 'fonts-liberation'] },
  { what: 'pdftotext, pdfinfo and pdffonts', present: () => ['pdftotext', 'pdfinfo', 'pdffonts'].every(onPath), packages: ['poppler-utils'] },
  { what: 'LibreOffice (soffice, converts the DOCX exports in their test)', present: () => onPath('soffice'), packages: ['libreoffice-writer-nogui'] },
  { what: 'PostgreSQL (initdb, pg_ctl)', present: () => hasPostgres() || !!process.env.WERKRAUM_TEST_DATABASE_URL, packages: ['postgresql'] },
];

function missing() {
  return NEEDS.filter((n) => !n.present());
}

let lacking = missing();
if (lacking.length > 0 && process.getuid?.() === 0 && onPath('apt-get')) {
  const packages = lacking.flatMap((n) => n.packages);
  console.log(`Installing what the tests need: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  // Debian starts a package's service on installation unless policy-rc.d forbids it: the tests
  // need PostgreSQL's programs, not a running system cluster.
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) {
    writeFileSync(policy, '#!/bin/sh\nexit 101\n');
    chmodSync(policy, 0o755);
  }
  try {
    spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
  lacking = missing();
}
if (lacking.length > 0) {
  console.error(
    `The tests need ${lacking.map((n) => n.what).join(' and ')}. Install them (Debian/Ubuntu) with:\n` +
      `  sudo apt-get install -y ${lacking.flatMap((n) => n.packages).join(' ')}`,
  );
  process.exit(1);
}
