// `/api/v1` itself: the list of endpoints (JSON, like every answer under it), not an HTML 404.
import { apiEndpoints } from '@/features/data/endpoints';
import { json } from '@/server/api/respond';

export function GET(): Response {
  return json({
    endpoints: Object.entries(apiEndpoints).map(([name, endpoint]) => ({ name, route: endpoint.route })),
    documentation: 'web/API.md',
  });
}

export { POST, PUT, PATCH, DELETE } from '@/server/api/readOnly';
