// Prometheus and Grafana cannot run here (no Docker), so this test reads their
// configuration as data: every metric a dashboard panel or an alert queries is
// one our services export, and Prometheus scrapes the compose services on the
// ports they listen on, and compose mounts files that exist.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { IndexerMetrics } from '../../indexer/src/ops/metrics.ts';
import { apiMetrics } from '../../web/server/api/metrics.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}
const services = (parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> }).services;

/** Every series name the indexer and the web API export (histograms as _bucket, _count and _sum). */
async function exportedSeries(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const registry of [new IndexerMetrics().registry, apiMetrics().registry]) {
    for (const metric of await registry.getMetricsAsJSON()) {
      names.add(metric.name);
      if (String(metric.type) === 'histogram')
        for (const suffix of ['_bucket', '_count', '_sum']) names.add(metric.name + suffix);
    }
  }
  return names;
}

/** Metric names in a PromQL expression: identifiers starting with tusk_ (ours; `up` and functions aside). */
const metricsIn = (expr: string) => [...expr.matchAll(/\btusk_[a-z0-9_]+/g)].map((m) => m[0]);

describe('monitoring', () => {
  it('queries only metrics the indexer and the web API export, in the dashboard and in the alerts', async () => {
    const exported = await exportedSeries();
    const dashboard = JSON.parse(read('deploy/grafana/dashboards/tusk.json')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    const alerts = parse(read('deploy/prometheus/alerts.yml')) as { groups: { rules: { expr: string }[] }[] };
    const queries = [
      ...dashboard.panels.flatMap((p) => p.targets.map((t) => ({ where: `panel "${p.title}"`, expr: t.expr }))),
      ...alerts.groups.flatMap((g) => g.rules.map((r) => ({ where: 'alerts.yml', expr: r.expr }))),
    ];
    expect(queries.length).toBeGreaterThan(8);
    for (const { where, expr } of queries) {
      for (const name of metricsIn(expr)) expect(exported, `${where}: ${name}`).toContain(name);
    }
    // The four: indexer lag, rows/s, dead letters, API latency.
    const all = queries.map((q) => q.expr).join('\n');
    for (const name of [
      'tusk_indexer_lag_checkpoints',
      'tusk_indexer_rows_committed_total',
      'tusk_indexer_dead_letters_total',
      'tusk_api_request_seconds_bucket',
    ])
      expect(all).toContain(name);
  });

  it('scrapes the compose services on the ports they listen on, with the alerts loaded', () => {
    const config = parse(read('deploy/prometheus/prometheus.yml')) as {
      rule_files: string[];
      scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[];
    };
    const targets = new Map(config.scrape_configs.map((c) => [c.job_name, c.static_configs[0]!.targets[0]!]));
    const indexer = services.indexer!.command!;
    expect(targets.get('tusk-indexer')).toBe(`indexer:${indexer[indexer.indexOf('--metrics-port') + 1]}`);
    expect(targets.get('tusk-web')).toBe(`web:${services.web!.environment!.PORT}`);
    // The web app serves its metrics at /metrics (web/app/metrics/route.ts).
    expect(existsSync(join(ROOT, 'web/app/metrics/route.ts'))).toBe(true);
    // alerts.yml is mounted where rule_files says; its job name is the indexer's scrape job.
    expect(services.prometheus!.volumes).toContain('./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro');
    expect(config.rule_files).toEqual(['/etc/prometheus/alerts.yml']);
    expect(read('deploy/prometheus/alerts.yml')).toContain('job="tusk-indexer"');
  });

  it('mounts only files and folders that exist, and provisions the dashboard Grafana loads', () => {
    for (const name of ['prometheus', 'grafana']) {
      for (const volume of services[name]!.volumes ?? []) {
        const [source] = volume.split(':');
        if (!source!.startsWith('./')) continue; // a named volume
        expect(existsSync(join(ROOT, source!)), `${name}: ${source}`).toBe(true);
      }
    }
    const provider = parse(read('deploy/grafana/provisioning/dashboards/tusk.yml')) as {
      providers: { options: { path: string } }[];
    };
    expect(services.grafana!.volumes).toContain(
      `./deploy/grafana/dashboards:${provider.providers[0]!.options.path}:ro`,
    );
    const datasource = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as {
      datasources: { uid: string; url: string }[];
    };
    expect(datasource.datasources[0]!.url).toBe('http://prometheus:9090');
    const dashboard = JSON.parse(read('deploy/grafana/dashboards/tusk.json')) as {
      panels: { datasource: { uid: string } }[];
    };
    for (const panel of dashboard.panels) expect(panel.datasource.uid).toBe(datasource.datasources[0]!.uid);
  });
});
