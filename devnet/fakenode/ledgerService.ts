/**
 * `sui.rpc.v2.LedgerService` over a checkpoint store: `GetServiceInfo`,
 * `GetCheckpoint` (by number, by digest, or the latest) and `ListCheckpoints`
 * (a range, streamed, in pages of at most `maxListLimit` with a watermark on
 * every frame and a `QueryEnd` on the last), read masks applied as a full
 * node does (default `sequence_number,digest`).
 */
import { BinaryWriter, WireType } from '@protobuf-ts/runtime';
import { GrpcStatusCode, GrpcTypes } from '@mysten/sui/grpc';
import type { CheckpointStore, ProtoCheckpoint } from './checkpointStore.ts';
import { applyMask, InvalidMaskError, parseMask } from './fieldMask.ts';
import { DataFrame } from './grpcWeb.ts';
import { GrpcStatusError, serverStreaming, unary, type MethodImplementation } from './grpcWebServer.ts';

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

export interface LedgerServiceOptions {
  /** Items per ListCheckpoints response when the request sets no limit. */
  defaultListLimit?: number;
  /** Most items per ListCheckpoints response; larger requested limits are coerced down. */
  maxListLimit?: number;
}

/** The fake node's opaque list cursor: the checkpoint number, 8 bytes big-endian. */
export function listCursor(sequenceNumber: bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, sequenceNumber);
  return bytes;
}

function readListCursor(cursor: Uint8Array): bigint {
  if (cursor.length !== 8) throw new GrpcStatusError(GrpcStatusCode.INVALID_ARGUMENT, 'invalid cursor');
  return new DataView(cursor.buffer, cursor.byteOffset, 8).getBigUint64(0);
}

export function ledgerService(
  store: CheckpointStore,
  identity: ChainIdentity,
  options: LedgerServiceOptions = {},
): Record<string, MethodImplementation> {
  const defaultListLimit = options.defaultListLimit ?? 100;
  const maxListLimit = options.maxListLimit ?? 1000;
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

    ListCheckpoints: serverStreaming<GrpcTypes.ListCheckpointsRequest, GrpcTypes.ListCheckpointsResponse>((request) => {
      if (request.filter)
        throw new GrpcStatusError(GrpcStatusCode.UNIMPLEMENTED, 'the fake node does not filter ListCheckpoints');
      if (request.options?.ordering === GrpcTypes.Ordering.DESCENDING || request.options?.before) {
        throw new GrpcStatusError(
          GrpcStatusCode.UNIMPLEMENTED,
          'the fake node lists checkpoints in ascending order only',
        );
      }
      let start = request.startCheckpoint ?? store.lowest();
      if (request.options?.after)
        start = [start, readListCursor(request.options.after) + 1n].reduce((a, b) => (a > b ? a : b));
      if (start < store.lowest())
        throw new GrpcStatusError(
          GrpcStatusCode.NOT_FOUND,
          `checkpoint ${start} not found (pruned below ${store.lowest()})`,
        );
      const limit = Math.min(request.options?.limit || defaultListLimit, maxListLimit);
      return listCheckpoints(store, start, request.endCheckpoint, limit, request.readMask?.paths);
    }),
  };
}

/**
 * A ListCheckpointsResponse around an already encoded checkpoint (fields 1, 2,
 * 3 as in the proto), as its data frame: the checkpoint's bytes are copied
 * once, into the frame, not into a message first.
 */
function listResponseFrame(
  checkpoint: Uint8Array,
  watermark: GrpcTypes.Watermark,
  end: GrpcTypes.QueryEnd | undefined,
): DataFrame {
  const watermarkBytes = GrpcTypes.Watermark.toBinary(watermark);
  const parts = [fieldKey(1, checkpoint.length), checkpoint, fieldKey(2, watermarkBytes.length), watermarkBytes];
  if (end) {
    const endBytes = GrpcTypes.QueryEnd.toBinary(end);
    parts.push(fieldKey(3, endBytes.length), endBytes);
  }
  return new DataFrame(parts);
}

/** The tag and length of a length-delimited field. */
function fieldKey(field: number, length: number): Uint8Array {
  const writer = new BinaryWriter();
  writer.tag(field, WireType.LengthDelimited).uint32(length);
  return writer.finish();
}

async function* listCheckpoints(
  store: CheckpointStore,
  start: bigint,
  end: bigint | undefined,
  limit: number,
  paths: readonly string[] | undefined,
): AsyncGenerator<GrpcTypes.ListCheckpointsResponse | DataFrame> {
  let sent = 0;
  for (let sequenceNumber = start; ; sequenceNumber++) {
    const covered = sequenceNumber - 1n;
    const watermark = {
      cursor: listCursor(covered < 0n ? 0n : covered),
      checkpoint: covered < start ? undefined : covered,
    };
    if (end !== undefined && sequenceNumber >= end) {
      yield { watermark, end: { reason: GrpcTypes.QueryEndReason.CHECKPOINT_BOUND } };
      return;
    }
    const encoded = store.encoded?.(sequenceNumber, paths);
    const checkpoint = encoded ? undefined : store.get(sequenceNumber);
    if (!encoded && !checkpoint) {
      yield { watermark, end: { reason: GrpcTypes.QueryEndReason.LEDGER_TIP } };
      return;
    }
    sent += 1;
    const itemWatermark = { cursor: listCursor(sequenceNumber), checkpoint: sequenceNumber };
    const queryEnd = sent >= limit ? { reason: GrpcTypes.QueryEndReason.ITEM_LIMIT } : undefined;
    yield encoded
      ? listResponseFrame(encoded, itemWatermark, queryEnd)
      : { checkpoint: maskCheckpoint(checkpoint!, paths), watermark: itemWatermark, end: queryEnd };
    if (queryEnd) return;
  }
}
