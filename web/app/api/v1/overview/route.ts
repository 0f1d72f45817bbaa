import { serve } from '@/server/api/serve';

export const GET = serve('overview');
