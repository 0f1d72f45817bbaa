/**
 * A throwaway PostgreSQL server of the test's own (started with
 * `.ci/postgres.sh` on another port and directory), so a test can kill its
 * connections or restart it without disturbing the shared server other tests
 * use.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SCRIPT = fileURLToPath(new URL('../../.ci/postgres.sh', import.meta.url));

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => `${root}/${v}/bin`).find((dir) => existsSync(`${dir}/pg_ctl`));
}

/** Whether PostgreSQL's binaries are installed here (CI installs them). */
export function postgresInstalled(): boolean {
  return binDir() !== undefined;
}

/** Runs a PostgreSQL binary, as the postgres user when we are root (the server refuses root). */
function run(binary: string, args: string[]): void {
  const path = `${binDir()}/${binary}`;
  const [command, fullArgs] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  const result = spawnSync(command, fullArgs, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${binary} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

export class PostgresServer {
  readonly url: string;

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {
    this.url = `postgres://tusk@127.0.0.1:${port}/tusk`;
  }

  /** Starts (or reuses, if already running there) a server on `port` with data in `dir`. */
  static start(port: number, dir: string): PostgresServer {
    execFileSync('bash', [SCRIPT, String(port), dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    return new PostgresServer(port, dir);
  }

  /** Starts a new server on a free port with a new data directory (concurrent test runs must not share one). */
  static async startFresh(): Promise<PostgresServer> {
    const port = await freePort();
    return PostgresServer.start(port, mkdtempSync(join(tmpdir(), 'tusk-faults-postgres-')));
  }

  /** Ends every connection to `database` (as an operator or a failover would). */
  async terminateConnections(database: string): Promise<number> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      const result = await client.query(
        'SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      return Number(result.rows[0].n);
    } finally {
      await client.end();
    }
  }

  /** Stops the server (fast: connections are cut), for as long as `downMs`, then starts it again. */
  async restart(downMs: number): Promise<void> {
    run('pg_ctl', ['-D', this.dir, '-m', 'fast', '-w', 'stop']);
    await new Promise((resolve) => setTimeout(resolve, downMs));
    run('pg_ctl', [
      '-D',
      this.dir,
      '-l',
      `${this.dir}/server.log`,
      '-w',
      '-o',
      `-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`,
      'start',
    ]);
  }

  stop(): void {
    run('pg_ctl', ['-D', this.dir, '-m', 'immediate', '-w', 'stop']);
  }

  /** Stops the server and deletes its data directory. */
  remove(): void {
    try {
      this.stop();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** A TCP port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
