/**
 * What the tests need beyond npm, checked (and where possible installed) before `npm test` runs:
 * Debian's Chromium at /usr/bin/chromium (Playwright drives it; browsers are not downloaded) and
 * poppler's pdftotext, pdfinfo and pdffonts (the PDF export tests read the files with them).
 * As root on a system with apt-get, missing packages are installed; otherwise one message names
 * them and the command that installs them, and the tests do not start.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const onPath = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

const NEEDS = [
  { what: 'Chromium at /usr/bin/chromium', present: () => existsSync('/usr/bin/chromium'), packages: ['chromium', 'fonts-liberation'] },
  { what: 'pdftotext, pdfinfo and pdffonts', present: () => ['pdftotext', 'pdfinfo', 'pdffonts'].every(onPath), packages: ['poppler-utils'] },
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
  spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  lacking = missing();
}
if (lacking.length > 0) {
  console.error(
    `The tests need ${lacking.map((n) => n.what).join(' and ')}. Install them (Debian/Ubuntu) with:\n` +
      `  sudo apt-get install -y ${lacking.flatMap((n) => n.packages).join(' ')}`,
  );
  process.exit(1);
}
