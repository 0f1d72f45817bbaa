import { describe, expect, it } from 'vitest';
import { DELETE, POST } from './readOnly.ts';

describe('read-only API', () => {
  it('answers writes with a JSON 405 naming the allowed methods', async () => {
    for (const handler of [POST, DELETE]) {
      const response = handler(new Request('http://tusk.test/api/v1/nodes', { method: 'POST' }));
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/read-only/);
    }
  });
});
