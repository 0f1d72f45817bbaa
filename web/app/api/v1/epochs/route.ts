import { serve } from '@/server/api/serve';

export const GET = serve('epochs');
export { POST, PUT, PATCH, DELETE } from '@/server/api/readOnly';
