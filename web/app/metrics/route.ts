// Prometheus scrapes the API's metrics here (deploy/prometheus/prometheus.yml).
import { apiMetrics } from '@/server/api/metrics';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const { registry } = apiMetrics();
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
}
