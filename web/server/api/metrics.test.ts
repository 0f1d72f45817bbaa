import { describe, expect, it } from 'vitest';
import { apiMetrics, timed } from './metrics.ts';

describe('API metrics', () => {
  it('time every answer under its endpoint and status, in one registry per process', async () => {
    await timed('nodes', async () => new Response('{}', { status: 200 }));
    await timed('nodeDetail', async () => new Response('{}', { status: 404 }));
    await timed('nodes', async () => new Response('{}', { status: 200 }));
    const text = await apiMetrics().registry.metrics();
    expect(text).toMatch(/^tusk_api_request_seconds_count\{endpoint="nodes",status="200"\} 2$/m);
    expect(text).toMatch(/^tusk_api_request_seconds_count\{endpoint="nodeDetail",status="404"\} 1$/m);
    expect(text).toMatch(/^# TYPE tusk_web_process_cpu_seconds_total counter$/m);
    expect(apiMetrics()).toBe(apiMetrics());
  });
});
