/**
 * The operations endpoint: `GET /metrics` (Prometheus text format) and
 * `GET /health` (200 or 503 with a JSON report), on its own port so it can
 * stay private while the indexer runs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkHealth, type HealthChecks } from './health.ts';
import type { IndexerMetrics } from './metrics.ts';

export interface OpsServer {
  url: string;
  close(): Promise<void>;
}

export async function startOpsServer(options: {
  metrics: IndexerMetrics;
  health: HealthChecks;
  port: number;
  host: string;
  /** Called before serving /metrics, to refresh gauges computed on demand. */
  beforeScrape?: () => void;
}): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/metrics') {
      options.beforeScrape?.();
      options.metrics.text().then(
        (text) => res.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(text),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error)),
      );
      return;
    }
    if (path === '/health') {
      void checkHealth(options.health).then((report) => {
        res.writeHead(report.healthy ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics or /health\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
