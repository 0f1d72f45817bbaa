/**
 * The API bench's server process: the `/api/v1` endpoint functions over
 * node:http on the database in `BENCH_API_DATABASE_URL`. Prints
 * `LISTENING <port>` when ready; stops on SIGTERM.
 */
import { openDatabase } from '@tusk/shared/db/database';
import type { AddressInfo } from 'node:net';
import { serveApi } from './api.ts';

const url = process.env.BENCH_API_DATABASE_URL;
if (!url) throw new Error('BENCH_API_DATABASE_URL is required');
const open = await openDatabase({ kind: 'postgres', url, maxConnections: Number(process.env.BENCH_API_POOL ?? 20) });
const server = await serveApi(open.db);
console.log(`LISTENING ${(server.address() as AddressInfo).port}`);
process.on('SIGTERM', () => {
  server.close();
  void open.close().then(() => process.exit(0));
});
