import { serve } from '@/server/api/serve';

export const GET = serve('nodes');
export { POST, PUT, PATCH, DELETE } from '@/server/api/readOnly';
