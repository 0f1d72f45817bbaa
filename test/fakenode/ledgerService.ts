/**
 * `sui.rpc.v2.LedgerService` over a checkpoint store: `GetServiceInfo` and
 * `GetCheckpoint` (by number, by digest, or the latest), read masks applied as
 * a full node does (default `sequence_number,digest`).
 */
import { GrpcStatusCode, GrpcTypes } from '@mysten/sui/grpc';
import type { CheckpointStore, ProtoCheckpoint } from './checkpointStore.ts';
import { applyMask, InvalidMaskError, parseMask } from './fieldMask.ts';
import { GrpcStatusError, unary, type MethodImplementation } from './grpcWebServer.ts';

export interface ChainIdentity {
  /** Chain identifier (the genesis checkpoint digest on a real network). */
  chainId: string;
  /** Human-readable chain name, e.g. `localnet`. */
  chain: string;
}

export const DEFAULT_CHECKPOINT_MASK = ['sequence_number', 'digest'];

/** `checkpoint` masked by `paths` (the default mask when none is given). */
export function maskCheckpoint(checkpoint: ProtoCheckpoint, paths: readonly string[] | undefined): ProtoCheckpoint {
  try {
    const mask = parseMask(GrpcTypes.Checkpoint, paths && paths.length > 0 ? paths : DEFAULT_CHECKPOINT_MASK);
    return applyMask(GrpcTypes.Checkpoint, checkpoint, mask);
  } catch (error) {
    if (error instanceof InvalidMaskError) throw new GrpcStatusError(GrpcStatusCode.INVALID_ARGUMENT, error.message);
    throw error;
  }
}

export function ledgerService(store: CheckpointStore, identity: ChainIdentity): Record<string, MethodImplementation> {
  return {
    GetServiceInfo: unary<GrpcTypes.GetServiceInfoRequest, GrpcTypes.GetServiceInfoResponse>(() => {
      const highest = store.highest();
      const summary = highest === undefined ? undefined : store.get(highest)?.summary;
      return {
        chainId: identity.chainId,
        chain: identity.chain,
        epoch: summary?.epoch ?? 0n,
        checkpointHeight: highest ?? 0n,
        timestamp: summary?.timestamp,
        lowestAvailableCheckpoint: store.lowest(),
        lowestAvailableCheckpointObjects: store.lowest(),
        server: 'tusk-fakenode',
      };
    }),

    GetCheckpoint: unary<GrpcTypes.GetCheckpointRequest, GrpcTypes.GetCheckpointResponse>((request) => {
      const id = request.checkpointId;
      let checkpoint: ProtoCheckpoint | undefined;
      let label: string;
      if (id.oneofKind === 'sequenceNumber') {
        checkpoint = store.get(id.sequenceNumber);
        label = String(id.sequenceNumber);
      } else if (id.oneofKind === 'digest') {
        checkpoint = store.getByDigest?.(id.digest);
        label = id.digest;
      } else {
        const highest = store.highest();
        checkpoint = highest === undefined ? undefined : store.get(highest);
        label = 'latest';
      }
      if (!checkpoint) throw new GrpcStatusError(GrpcStatusCode.NOT_FOUND, `checkpoint ${label} not found`);
      return { checkpoint: maskCheckpoint(checkpoint, request.readMask?.paths) };
    }),
  };
}
