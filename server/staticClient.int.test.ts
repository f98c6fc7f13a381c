/**
 * Cache headers of the built client over real HTTP: hashed files are immutable, while the app
 * shell and the service worker are revalidated on every load so a new deploy reaches browsers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheControlFor, createServer, type WerkraumServer } from './app';
import { loadConfig } from './config';
import { createSqliteStore } from './store/sqlite';
import { cleanup, tempDir } from './test/harness';

let running: { server: WerkraumServer; dir: string } | undefined;
afterEach(async () => {
  if (!running) return;
  await running.server.close();
  cleanup(running.dir);
  running = undefined;
});

async function serveClient(files: Record<string, string>): Promise<string> {
  const dir = tempDir();
  const clientDir = join(dir, 'client');
  mkdirSync(join(clientDir, 'assets'), { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(clientDir, name), body);
  const config = loadConfig(
    { LOG_LEVEL: 'silent' },
    { port: 0, host: '127.0.0.1', dataDir: dir, dbFile: join(dir, 'werkraum.sqlite'), clientDir },
  );
  const server = await createServer(config, createSqliteStore(config.dbFile, config.sqliteSync));
  running = { server, dir };
  return `http://127.0.0.1:${await server.listen()}`;
}

describe('static client', () => {
  it('serves the service worker and the shell for revalidation, hashed files as immutable', async () => {
    const base = await serveClient({
      'index.html': '<!doctype html><title>Werkraum</title>',
      'sw.js': 'self.addEventListener("fetch", () => {});',
      'workbox-d8ed3718.js': '// workbox',
      'assets/index-BocXnOe0.js': 'console.log(1)',
      'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    });
    const header = async (path: string) => {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      return res.headers.get('cache-control');
    };
    expect(await header('/sw.js')).toBe('no-cache');
    expect(await header('/')).toBe('no-cache');
    expect(await header('/index.html')).toBe('no-cache');
    // Client-side routes get the shell through the not-found handler: same headers.
    expect(await header('/s/abc/b/swot')).toBe('no-cache');
    expect(await header('/assets/index-BocXnOe0.js')).toBe('public, max-age=31536000, immutable');
    expect(await header('/workbox-d8ed3718.js')).toBe('public, max-age=31536000, immutable');
    expect(await header('/favicon.svg')).toBe('public, max-age=0');
    // The API keeps its own header.
    expect(await header('/api/health')).toBe('no-store');
  });

  it('classifies paths the same way on every platform', () => {
    expect(cacheControlFor('sw.js')).toBe('no-cache');
    expect(cacheControlFor('registerSW.js')).toBe('no-cache');
    expect(cacheControlFor(join('assets', 'RoomPage-Ct6qcj-s.js'))).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('sw.js.map')).toBe('public, max-age=0');
  });
});
