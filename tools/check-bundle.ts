/**
 * `npm run check:bundle` (in `npm test`, right after the build): keeps the client's first load
 * small and the server's libraries out of the browser.
 *
 * 1. The room's first load: the JavaScript a browser downloads when a participant opens a room
 *    (`/s/:id`, the notes view) on a device that has never loaded Werkraum — the entry chunk of
 *    index.html, the room page and the notes editor (App.tsx fetches both at once), everything
 *    those import statically (the browser fetches them as modulepreload) and the classic scripts
 *    index.html names (public/zod-jitless.js). Each file counts with its size after gzip at level 9, summed;
 *    CSS, fonts, the service worker's own precache and the live connections do not count.
 *    Budget: 300 KB (307,200 bytes), also for the room opened on the SWOT board directly (same
 *    rules: room page, board frame, the boards' German strings and the SWOT board instead of the
 *    notes editor). The start page is reported.
 *    The count follows the manifest's static imports: an `import()` that runs unconditionally at
 *    start would escape it, which is why e2e/first-load.spec.ts (and `npm run bench:client`)
 *    count the same in Chromium, from the requests the page really makes.
 * 2. No code of the server's document generation (docx, pdfkit, jszip, fontkit) nor any
 *    other server-only package is in any file of dist/client (read from the source maps).
 *
 * Exits with 1 and says why when either fails.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSize, packagesIn, publicScripts, routeFiles, type Manifest, type RouteLoad } from './firstLoad';

const DIST = resolve(import.meta.dirname, '../dist/client');
const KB = 1024;

const ROOM_BUDGET = 300 * KB;

const ROUTES: Record<string, RouteLoad & { budget?: number; what: string }> = {
  room: { what: 'room, notes view (/s/:id)', roots: ['index.html', 'pages/RoomPage.tsx', 'room/NotesEditor.tsx'], budget: ROOM_BUDGET },
  swot: {
    what: 'SWOT board opened directly (/s/:id/b/swot)',
    // RoomPage loads a board's frame with the boards' strings (tools/localeParts.ts), and the board.
    roots: ['index.html', 'pages/RoomPage.tsx', 'boards/BoardFrame.tsx', '../virtual:werkraum-strings/de/boards', 'boards/swot/SwotBoard.tsx'],
    budget: ROOM_BUDGET,
  },
  start: { what: 'start page (/)', roots: ['index.html', 'pages/StartPage.tsx'] },
};

/** Packages only the server may use. */
const SERVER_ONLY = ['docx', 'pdfkit', 'jszip', 'fontkit', 'better-sqlite3', 'fastify', '@fastify/static', '@fastify/cookie', 'socket.io', 'ws', '@y/websocket-server'];

function main(): number {
  const manifestPath = join(DIST, '.vite/manifest.json');
  if (!existsSync(manifestPath)) {
    console.error(`check:bundle: ${manifestPath} is missing; run \`npx vite build\` first.`);
    return 1;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const extra = publicScripts(readFileSync(join(DIST, 'index.html'), 'utf8'));
  const size = new Map<string, number>();
  const gz = (file: string) => {
    let n = size.get(file);
    if (n === undefined) size.set(file, (n = gzipSize(readFileSync(join(DIST, file)))));
    return n;
  };

  let failed = false;
  for (const [name, route] of Object.entries(ROUTES)) {
    const files = [...routeFiles(manifest, route), ...extra];
    const total = files.reduce((sum, f) => sum + gz(f), 0);
    const over = route.budget !== undefined && total > route.budget;
    failed ||= over;
    const budget = route.budget !== undefined ? ` (budget ${(route.budget / KB).toFixed(0)} KB${over ? ' — OVER' : ''})` : '';
    console.log(`${name.padEnd(6)} ${(total / KB).toFixed(1).padStart(6)} KB JS gzip in ${files.length} files: ${route.what}${budget}`);
    if (over || process.env.VERBOSE) {
      for (const f of [...files].sort((a, b) => gz(b) - gz(a))) console.log(`         ${(gz(f) / KB).toFixed(1).padStart(6)} KB ${f}`);
    }
  }

  const assets = readdirSync(join(DIST, 'assets'));
  const js = assets.filter((f) => f.endsWith('.js'));
  const all = js.reduce((sum, f) => sum + gz(join('assets', f)), 0);
  console.log(`all    ${(all / KB).toFixed(1).padStart(6)} KB JS gzip in ${js.length} files of the build (loaded as needed)`);

  const leaks: string[] = [];
  for (const map of assets.filter((f) => f.endsWith('.js.map'))) {
    const { sources = [] } = JSON.parse(readFileSync(join(DIST, 'assets', map), 'utf8')) as { sources?: string[] };
    for (const pkg of packagesIn(sources)) if (SERVER_ONLY.includes(pkg)) leaks.push(`${pkg} in ${map.replace(/\.map$/, '')}`);
  }
  if (leaks.length > 0) {
    failed = true;
    console.error(`Server-only code in the client build:\n  ${leaks.join('\n  ')}`);
  }
  if (failed) console.error('check:bundle failed: load the part that grew when it is first shown (React.lazy), see docs/ARCHITECTURE.md.');
  return failed ? 1 : 0;
}

process.exitCode = main();
