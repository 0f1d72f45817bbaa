/**
 * The API's Prometheus metrics (served at `/metrics`): how long each
 * `/api/v1` endpoint takes and how it answered, for the Grafana dashboard in
 * deploy/grafana and alerting. Kept on `globalThis`: Next.js may load this
 * module once per route bundle, and every route must count into one registry.
 */
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface ApiMetrics {
  registry: Registry;
  requestSeconds: Histogram<'endpoint' | 'status'>;
}

function createApiMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tusk_web_' });
  const requestSeconds = new Histogram({
    name: 'tusk_api_request_seconds',
    help: 'Time to answer an /api/v1 request, per endpoint and HTTP status',
    labelNames: ['endpoint', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, requestSeconds };
}

const holder = globalThis as { tuskApiMetrics?: ApiMetrics };

/** The process's API metrics (created on first use). */
export function apiMetrics(): ApiMetrics {
  holder.tuskApiMetrics ??= createApiMetrics();
  return holder.tuskApiMetrics;
}

/** Runs `answer` and records its time under `endpoint` and the status it answered with. */
export async function timed(endpoint: string, answer: () => Promise<Response>): Promise<Response> {
  const stop = apiMetrics().requestSeconds.startTimer({ endpoint });
  const response = await answer();
  stop({ status: String(response.status) });
  return response;
}
