export { LoadingNotice as default } from '@/features/ui/LoadingNotice';
