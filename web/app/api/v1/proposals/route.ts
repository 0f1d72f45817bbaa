import { serve } from '@/server/api/serve';

export const GET = serve('proposals');
export { POST, PUT, PATCH, DELETE } from '@/server/api/readOnly';
