/**
 * `sui.rpc.v2.SubscriptionService/SubscribeCheckpoints` over a checkpoint
 * store: like a full node, a subscription starts at the next checkpoint
 * executed after it opens (it cannot start from a past position) and streams
 * each one, masked, with its sequence number as the cursor.
 */
import type { GrpcTypes } from '@mysten/sui/grpc';
import type { CheckpointStore } from './checkpointStore.ts';
import { serverStreaming, type CallContext, type MethodImplementation } from './grpcWebServer.ts';
import { maskCheckpoint } from './ledgerService.ts';

export function subscriptionService(store: CheckpointStore): Record<string, MethodImplementation> {
  return {
    SubscribeCheckpoints: serverStreaming<
      GrpcTypes.SubscribeCheckpointsRequest,
      GrpcTypes.SubscribeCheckpointsResponse
    >((request, call) => streamCheckpoints(store, request, call)),
  };
}

async function* streamCheckpoints(
  store: CheckpointStore,
  request: GrpcTypes.SubscribeCheckpointsRequest,
  call: CallContext,
): AsyncGenerator<GrpcTypes.SubscribeCheckpointsResponse> {
  const pending: bigint[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = store.onCheckpoint((sequenceNumber) => {
    pending.push(sequenceNumber);
    wake?.();
  });
  const onAbort = () => wake?.();
  call.signal.addEventListener('abort', onAbort);
  try {
    while (!call.signal.aborted) {
      const next = pending.shift();
      if (next === undefined) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const checkpoint = store.get(next);
      if (checkpoint) yield { cursor: next, checkpoint: maskCheckpoint(checkpoint, request.readMask?.paths) };
    }
  } finally {
    unsubscribe();
    call.signal.removeEventListener('abort', onAbort);
  }
}
