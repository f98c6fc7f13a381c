/**
 * The Hocuspocus comparison server as its docs set it up: @hocuspocus/server with the SQLite
 * extension (documents stored as one state blob, debounced by Hocuspocus' defaults: 2 s, at
 * most 10 s). No authentication hook. Env: HOST, PORT, DB_FILE.
 */
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const server = new Server({
  address: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 1234),
  quiet: true,
  extensions: [new SQLite({ database: process.env.DB_FILE ?? 'hocuspocus.sqlite' })],
});
await server.listen();
console.log(`hocuspocus ready on ${server.URL}`);
