import { serve } from '@/server/api/serve';

export const GET = serve('node');
export { POST, PUT, PATCH, DELETE } from '@/server/api/readOnly';
