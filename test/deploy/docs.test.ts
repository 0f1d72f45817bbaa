// The operator docs state facts that live in code: the configuration
// variables, the pipelines and their tables, the metric names, the npm scripts
// and the files they link to. This keeps them true as the code moves.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableName } from 'drizzle-orm';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../shared/src/config.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const docs = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.md'))
  .map((path) => join('docs', path));
const metricsSource = read('indexer/src/ops/metrics.ts');
const metricNames = [...metricsSource.matchAll(/name: '(tusk_indexer_[a-z_]+)'/g)].map((match) => match[1]!);

describe('docs', () => {
  it('exist for operators and for the three kinds of users', () => {
    for (const page of ['runbook', 'publish', 'upgrades', 'configuration', 'docker-compose']) {
      expect(docs).toContain(join('docs/operators', `${page}.md`));
    }
    for (const page of ['delegators', 'voters', 'node-operators'])
      expect(docs).toContain(join('docs/users', `${page}.md`));
  });

  it('link only to files that exist (screenshots excepted: the e2e suite writes them)', () => {
    for (const doc of docs) {
      for (const [, target] of read(doc).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!) || target!.includes('test/artifacts/')) continue;
        expect(existsSync(resolve(ROOT, dirname(doc), target!)), `${doc} -> ${target}`).toBe(true);
      }
    }
  });

  it('mention only npm scripts that exist, in the docs, the README and the startup banner', () => {
    const scriptsOf = (dir: string) =>
      Object.keys((JSON.parse(read(join(dir, 'package.json'))) as { scripts?: Record<string, string> }).scripts ?? {});
    const workspaceDirs = new Map(
      (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces.map((dir) => [
        (JSON.parse(read(join(dir, 'package.json'))) as { name: string }).name,
        dir,
      ]),
    );
    for (const file of [...docs, 'README.md', 'devnet/start.ts']) {
      for (const [, script, workspace] of read(file).matchAll(/npm run ([\w:-]+)(?: -w (@[\w/-]+))?/g)) {
        const dir = workspace ? workspaceDirs.get(workspace) : '.';
        expect(dir, `${file}: unknown workspace ${workspace}`).toBeDefined();
        expect(scriptsOf(dir!), `${file}: npm run ${script}${workspace ? ` -w ${workspace}` : ''}`).toContain(script);
      }
    }
  });

  it('list every configuration variable, with its default', () => {
    const page = read('docs/operators/configuration.md');
    for (const variable of CONFIG_VARIABLES) {
      const row = page.split('\n').find((line) => line.startsWith(`| \`${variable.name}\` |`));
      expect(row, variable.name).toBeDefined();
      const defaultValue = variable.default.replace(/’/g, "'");
      if (/^[\w./]+$/.test(defaultValue)) expect(row, `${variable.name} default`).toContain(`\`${defaultValue}\``);
    }
  });

  it('name every pipeline, with tables it really owns', async () => {
    // Exact table lists live in the indexer (deploy/reindexPipeline.ts reads them); the table in the
    // runbook may lag behind a new table, but must never name a wrong one or miss a pipeline.
    const { allPipelines } = await import('../../indexer/src/pipelines/index.ts');
    const documented = new Map(
      [...read('docs/operators/runbook.md').matchAll(/^\| `(\w+)` \| ((?:`\w+`(?:, )?)+) \|$/gm)].map((match) => [
        match[1]!,
        [...match[2]!.matchAll(/`(\w+)`/g)].map((table) => table[1]!),
      ]),
    );
    const actual = new Map(
      allPipelines.map((pipeline) => [pipeline.name, pipeline.tables.map((table) => getTableName(table))]),
    );
    expect([...documented.keys()].sort()).toEqual([...actual.keys()].sort());
    for (const [pipeline, tables] of documented)
      expect(actual.get(pipeline), pipeline).toEqual(expect.arrayContaining(tables));
  });

  it('describe every indexer metric, and alert only on metrics that exist', () => {
    expect(metricNames.length).toBeGreaterThan(5);
    const runbook = read('docs/operators/runbook.md');
    for (const name of metricNames) expect(runbook, name).toContain(`\`${name}`);
    const rules = parse(read('deploy/prometheus/alerts.yml')) as {
      groups: { rules: { alert: string; expr: string }[] }[];
    };
    const exprs = rules.groups.flatMap((group) => group.rules.map((rule) => rule.expr));
    expect(exprs.length).toBeGreaterThan(3);
    for (const expr of exprs) {
      for (const [used] of expr.matchAll(/tusk_indexer_[a-z_]+/g)) {
        expect(metricNames, expr).toContain(used.replace(/_(bucket|sum|count)$/, ''));
      }
    }
  });
});
