// docker-compose.yml cannot run here (no Docker engine), so this test reads
// it as data and checks what `docker compose up` relies on: the services and
// their order (depends_on conditions backed by healthchecks), volumes, and that
// every command, npm script, file and Dockerfile stage it names exists in
// this repository.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPinnedSuiVersion, initMovePackageBuilder } from '@zktx.io/sui-move-builder/full';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../shared/src/config.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Healthcheck {
  test: string[] | string;
  interval?: string;
  retries?: number;
}
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string };
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: Healthcheck;
  restart?: string;
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};

// --- npm scripts, resolved down to the file or binary they run -------------

interface PackageJson {
  name: string;
  scripts?: Record<string, string>;
  workspaces?: string[];
}
const readPackage = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
const rootPackage = readPackage(ROOT);
const workspaceDirs = new Map(
  (rootPackage.workspaces ?? []).map((dir) => [readPackage(join(ROOT, dir)).name, join(ROOT, dir)]),
);

/** Problems with running `npm run <script> [-w <ws>] [-- args]` from the root (empty when it resolves). */
function npmRunProblems(args: string[], depth = 0): string[] {
  if (depth > 5) return [`npm run nests too deep: ${args.join(' ')}`];
  const [npm, run, script, ...rest] = args;
  if (npm !== 'npm' || (run !== 'run' && run !== 'run-script')) return [`not an npm run command: ${args.join(' ')}`];
  if (!script) return ['npm run without a script name'];
  const w = rest.findIndex((arg) => arg === '-w' || arg === '--workspace');
  const workspace = w >= 0 && rest[w + 1] !== '--' ? rest[w + 1] : undefined;
  const dir = workspace ? workspaceDirs.get(workspace) : ROOT;
  if (!dir) return [`npm workspace ${workspace} does not exist`];
  const body = readPackage(dir).scripts?.[script];
  if (!body) return [`npm script "${script}" is not defined in ${join(dir, 'package.json').slice(ROOT.length + 1)}`];
  return commandLineProblems(body.split(/\s+/).filter(Boolean), dir, depth);
}

/** Problems with a script body run in `dir`: npm run recursion, tsx files, binaries. */
function commandLineProblems(words: string[], dir: string, depth: number): string[] {
  const [bin, first] = words;
  if (!bin) return ['empty command'];
  if (bin === 'npm') return npmRunProblems(words, depth + 1);
  const binaries = [join(dir, 'node_modules/.bin', bin), join(ROOT, 'node_modules/.bin', bin)];
  if (!binaries.some(existsSync)) return [`${bin} is not installed (no node_modules/.bin/${bin})`];
  if (bin === 'tsx' && first && !existsSync(join(dir, first)))
    return [`${join(dir, first).slice(ROOT.length + 1)} does not exist`];
  return [];
}

// --- Dockerfiles --------------------------------------------------------------

function dockerfile(build: NonNullable<Service['build']>): string {
  return readFileSync(join(ROOT, build.context, build.dockerfile), 'utf8');
}
const stages = (text: string) => [...text.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((match) => match[1]);

describe('docker-compose.yml', () => {
  it('has postgres, a Sui localnet, a one-shot publisher, the indexer, the web app and their monitoring', () => {
    expect(Object.keys(services).sort()).toEqual([
      'grafana',
      'indexer',
      'postgres',
      'prometheus',
      'publisher',
      'sui',
      'web',
    ]);
  });

  it('pins every image by tag (no implicit latest)', () => {
    for (const [name, svc] of Object.entries(services)) {
      if (svc.build) continue;
      expect(svc.image, `${name}.image`).toMatch(/^[\w./-]+:[\w.-]+$/);
      expect(svc.image, `${name}.image`).not.toMatch(/:latest$/);
    }
  });

  it('runs the localnet from the sui-tools image of the Sui release our compiler is built from', async () => {
    await initMovePackageBuilder();
    const sui = service('sui');
    expect(sui.image).toBe(`mysten/sui-tools:mainnet-v${await getPinnedSuiVersion()}`);
    expect(sui.command?.slice(0, 2)).toEqual(['sui', 'start']);
    expect(sui.command).toContain('--with-faucet');
    expect(sui.ports).toEqual(expect.arrayContaining(['9000:9000', '9123:9123']));
  });

  it('gives postgres a named volume and a pg_isready healthcheck', () => {
    const postgres = service('postgres');
    const [volume, path] = (postgres.volumes?.[0] ?? '').split(':');
    expect(path).toBe('/var/lib/postgresql/data');
    expect(compose.volumes).toHaveProperty(volume!);
    expect(JSON.stringify(postgres.healthcheck?.test)).toMatch(/pg_isready -U tusk -d tusk/);
  });

  it('starts each service only after what it needs, with conditions docker compose knows', () => {
    const conditions = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);
    for (const [name, svc] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(svc.depends_on ?? {})) {
        expect(services, `${name} depends on ${dependency}`).toHaveProperty(dependency);
        expect(conditions.has(condition), `${name} -> ${dependency}: ${condition}`).toBe(true);
        if (condition === 'service_healthy')
          expect(services[dependency]!.healthcheck, `${dependency}.healthcheck`).toBeDefined();
      }
    }
    expect(service('publisher').depends_on).toEqual({ sui: { condition: 'service_healthy' } });
    expect(service('indexer').depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      publisher: { condition: 'service_completed_successfully' },
    });
    expect(service('web').depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      publisher: { condition: 'service_completed_successfully' },
    });
  });

  it('has a healthcheck on every long-running service, and runs the publisher once', () => {
    for (const name of ['postgres', 'sui', 'indexer', 'web', 'prometheus', 'grafana']) {
      const check = service(name).healthcheck;
      expect(check?.test, `${name}.healthcheck`).toBeDefined();
      expect(check?.retries, `${name}.healthcheck.retries`).toBeGreaterThan(0);
      expect(service(name).restart).toBe('unless-stopped');
    }
    expect(service('publisher').restart).toBe('no');
  });

  it('hands the deployment file from the publisher to the indexer and the web app through one volume', () => {
    const publisher = service('publisher').command!;
    const out = publisher[publisher.indexOf('--out') + 1]!;
    const mountOf = (svc: Service, path: string) =>
      svc.volumes?.map((v) => v.split(':')).find(([, target]) => path.startsWith(`${target}/`))?.[0];
    const volume = mountOf(service('publisher'), out);
    expect(volume).toBeDefined();
    expect(compose.volumes).toHaveProperty(volume!);
    for (const reader of ['indexer', 'web']) {
      expect(service(reader).environment?.TUSK_DEPLOYMENT, `${reader}.TUSK_DEPLOYMENT`).toBe(out);
      expect(mountOf(service(reader), out), `${reader} mounts ${volume}`).toBe(volume);
    }
  });

  it('points the publisher at the localnet service and records the URL browsers can reach', () => {
    const command = service('publisher').command!;
    const flag = (name: string) => command[command.indexOf(name) + 1];
    expect(flag('--network')).toBe('http://sui:9000');
    expect(flag('--faucet')).toBe('http://sui:9123');
    expect(flag('--public-rpc-url')).toBe('http://localhost:9000');
    expect(existsSync(join(ROOT, flag('--params')!)), 'the --params file exists').toBe(true);
  });

  it('connects the indexer and web to the postgres service with its credentials', () => {
    const { POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB } = service('postgres').environment!;
    for (const name of ['indexer', 'web']) {
      const url = new URL(service(name).environment!.DATABASE_URL!);
      expect(url.hostname).toBe('postgres');
      expect([url.username, url.password, url.pathname.slice(1)]).toEqual([
        POSTGRES_USER,
        POSTGRES_PASSWORD,
        POSTGRES_DB,
      ]);
      expect(new URL(service(name).environment!.TUSK_RPC_URL!).hostname).toBe('sui');
    }
  });

  it('sets only environment variables Tusk documents', () => {
    const known = new Set([...CONFIG_VARIABLES.map((variable) => variable.name), 'PORT']);
    for (const name of ['indexer', 'web']) {
      for (const variable of Object.keys(service(name).environment ?? {})) {
        expect(known.has(variable), `${name} sets ${variable}`).toBe(true);
      }
    }
  });

  it('probes the ports the services listen on', () => {
    const indexer = service('indexer');
    const command = indexer.command!;
    const metricsPort = command[command.indexOf('--metrics-port') + 1];
    expect(command[command.indexOf('--metrics-host') + 1], 'reachable from outside the container').toBe('0.0.0.0');
    expect(JSON.stringify(indexer.healthcheck?.test)).toContain(`127.0.0.1:${metricsPort}/health`);
    expect(indexer.ports).toContain(`${metricsPort}:${metricsPort}`);
    const web = service('web');
    expect(JSON.stringify(web.healthcheck?.test)).toContain(`127.0.0.1:${web.environment?.PORT}/`);
    expect(web.ports).toContain(`${web.environment?.PORT}:${web.environment?.PORT}`);
  });

  describe('every command it runs exists in the repository', () => {
    for (const [name, svc] of Object.entries(services)) {
      if (!svc.command || svc.command[0] !== 'npm') continue;
      it(`${name}: ${svc.command.slice(0, 5).join(' ')}`, () => {
        expect(npmRunProblems(svc.command!)).toEqual([]);
      });
    }

    it('passes only flags the publisher and the indexer accept', async () => {
      const publishSource = readFileSync(join(ROOT, 'move/tools/publish.ts'), 'utf8');
      for (const flag of service('publisher').command!.filter((word) => word.startsWith('--') && word !== '--')) {
        // Its usage text lists each option it parses, one per line.
        expect(publishSource, `publish:move ${flag}`).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
      }
      const { HELP } = (await import('../../indexer/src/ops/cliOptions.ts')) as { HELP: string };
      for (const flag of service('indexer').command!.filter((word) => word.startsWith('--') && word !== '--')) {
        expect(HELP, `npm run indexer -- ${flag}`).toMatch(new RegExp(`^\\s+${flag}\\b`, 'm'));
      }
    });

    it('the checker itself rejects a missing script, workspace or file', () => {
      expect(npmRunProblems(['npm', 'run', 'no-such-script'])).toEqual([
        'npm script "no-such-script" is not defined in package.json',
      ]);
      expect(npmRunProblems(['npm', 'run', 'build', '-w', '@tusk/nope'])).toEqual([
        'npm workspace @tusk/nope does not exist',
      ]);
      expect(commandLineProblems(['tsx', 'move/tools/nope.ts'], ROOT, 0)).toEqual([
        'move/tools/nope.ts does not exist',
      ]);
    });
  });

  describe('the images it builds', () => {
    const built = Object.entries(services).filter(([, svc]) => svc.build);

    it('builds from Dockerfiles that exist, with the stages it targets', () => {
      expect(built.length).toBeGreaterThan(0);
      for (const [name, svc] of built) {
        const build = svc.build!;
        expect(existsSync(join(ROOT, build.context, build.dockerfile)), `${name}: ${build.dockerfile}`).toBe(true);
        if (build.target) expect(stages(dockerfile(build)), `${name}: stage ${build.target}`).toContain(build.target);
      }
      // Services that share an image name build it the same way.
      const byImage = new Map<string, string>();
      for (const [name, svc] of built) {
        if (!svc.image) continue;
        const recipe = JSON.stringify(svc.build);
        expect(byImage.get(svc.image) ?? recipe, `${name} builds ${svc.image} like the others`).toBe(recipe);
        byImage.set(svc.image, recipe);
      }
    });

    it('builds every image a service uses (none is pulled from a registry under our name)', () => {
      for (const [name, svc] of Object.entries(services)) {
        if (svc.image?.startsWith('tusk-')) expect(svc.build, `${name} builds ${svc.image}`).toBeDefined();
      }
    });

    const text = readFileSync(join(ROOT, 'deploy/Dockerfile'), 'utf8');

    it('copies only paths that exist, and the manifest of every npm workspace before npm ci', () => {
      const copies = [...text.matchAll(/^COPY\s+(?!--from)(?:--\S+\s+)*(.+)$/gm)].map((match) =>
        match[1]!.trim().split(/\s+/).slice(0, -1),
      );
      for (const sources of copies)
        for (const source of sources) expect(existsSync(join(ROOT, source)), `COPY ${source}`).toBe(true);
      const beforeInstall = text.slice(0, text.indexOf('npm ci'));
      for (const workspace of rootPackage.workspaces ?? [])
        expect(beforeInstall).toContain(`COPY ${workspace}/package.json`);
      expect(beforeInstall).toContain('COPY package.json package-lock.json');
    });

    it('runs npm scripts that exist', () => {
      const runs = [...text.matchAll(/^RUN\s+(npm run .+)$/gm)].map((match) => match[1]!.split(/\s+/));
      expect(runs.length).toBeGreaterThan(0);
      for (const run of runs) expect(npmRunProblems(run), run.join(' ')).toEqual([]);
    });

    it('serves the framework sources where the Move tools look for them', () => {
      expect(text).toMatch(/SUI_FRAMEWORK_DIR=\/opt\/sui/);
      expect(text).toContain('/opt/sui/crates/sui-framework/packages');
      expect(text).toContain('COPY move/framework/ move/framework/');
    });
  });
});
