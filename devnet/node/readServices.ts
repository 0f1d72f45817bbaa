/**
 * What clients read from the devnet besides checkpoints: objects
 * (`LedgerService.GetObject` / `BatchGetObjects`), transactions
 * (`GetTransaction` / `BatchGetTransactions`, which `waitForTransaction`
 * polls), the epoch (`GetEpoch`: reference gas price, protocol config), and
 * from `StateService` the objects an address owns, its balances and coin
 * metadata. Responses are masked by the request's read mask like a full node.
 */
import { GrpcStatusCode, GrpcTypes } from '@mysten/sui/grpc';
import { normalizeStructTag, normalizeSuiAddress } from '@mysten/sui/utils';
import type { IMessageType } from '@protobuf-ts/runtime';
import { applyMask, InvalidMaskError, parseMask } from '../fakenode/fieldMask.ts';
import { GrpcStatusError, unary, type MethodImplementation } from '../fakenode/grpcWebServer.ts';
import { REFERENCE_GAS_PRICE } from '../sim/gas.ts';
import type { Devnet } from '../sim/devnet.ts';
import type { SuiObject } from '../sim/store.ts';
import { executedToProto, objectToProto, timestamp } from './protos.ts';

/** `message` with only the fields `paths` names (or `defaults` when none are given). */
export function masked<T extends object>(
  type: IMessageType<T>,
  message: T,
  paths: readonly string[] | undefined,
  defaults: readonly string[],
): T {
  try {
    const mask = parseMask(type as IMessageType<object>, paths && paths.length > 0 ? paths : defaults);
    return applyMask(type, message, mask);
  } catch (error) {
    if (error instanceof InvalidMaskError) throw new GrpcStatusError(GrpcStatusCode.INVALID_ARGUMENT, error.message);
    throw error;
  }
}

const OBJECT_DEFAULT_MASK = ['object_id', 'version', 'digest'];
const TRANSACTION_DEFAULT_MASK = ['digest'];

function address(value: string | undefined, what: string): string {
  if (!value || !/^0x[0-9a-fA-F]{1,64}$/.test(value))
    throw new GrpcStatusError(GrpcStatusCode.INVALID_ARGUMENT, `${what} must be a Sui address (got "${value ?? ''}")`);
  return normalizeSuiAddress(value);
}

function normalizeType(type: string): string {
  try {
    return normalizeStructTag(type);
  } catch {
    return type;
  }
}

/** Whether `object` has type `filter`: exactly, or `filter` names the struct without its type parameters. */
function typeMatches(object: SuiObject, filter: string): boolean {
  const type = normalizeType(object.type);
  return type === filter || (!filter.includes('<') && type.startsWith(`${filter}<`));
}

function pageOf<T>(
  items: T[],
  pageSize: number | undefined,
  pageToken: Uint8Array | undefined,
): { page: T[]; next?: Uint8Array } {
  const start = pageToken && pageToken.length > 0 ? Number(new TextDecoder().decode(pageToken)) : 0;
  const size = Math.min(Math.max(pageSize ?? 50, 1), 1000);
  const page = items.slice(start, start + size);
  return { page, next: start + size < items.length ? new TextEncoder().encode(String(start + size)) : undefined };
}

function coinBalances(devnet: Devnet, owner: string): Map<string, bigint> {
  const balances = new Map<string, bigint>();
  for (const object of devnet.objects.ownedBy(owner)) {
    if (!object.coinType) continue;
    const type = normalizeType(object.coinType);
    balances.set(type, (balances.get(type) ?? 0n) + (object.value as { balance: bigint }).balance);
  }
  return balances;
}

export function ledgerReadService(devnet: Devnet): Record<string, MethodImplementation> {
  const getObject = (request: GrpcTypes.GetObjectRequest, paths: readonly string[] | undefined): GrpcTypes.Object => {
    const id = address(request.objectId, 'object_id');
    const object = devnet.objects.get(id);
    if (!object || (request.version !== undefined && request.version !== object.version)) {
      throw new GrpcStatusError(
        GrpcStatusCode.NOT_FOUND,
        `object ${id}${request.version !== undefined ? ` at version ${request.version}` : ''} not found`,
      );
    }
    return masked(GrpcTypes.Object, objectToProto(object), paths, OBJECT_DEFAULT_MASK);
  };
  const getTransaction = (
    digest: string | undefined,
    paths: readonly string[] | undefined,
  ): GrpcTypes.ExecutedTransaction => {
    const tx = digest ? devnet.transaction(digest) : undefined;
    if (!tx) throw new GrpcStatusError(GrpcStatusCode.NOT_FOUND, `transaction ${digest ?? ''} not found`);
    return masked(GrpcTypes.ExecutedTransaction, executedToProto(devnet, tx), paths, TRANSACTION_DEFAULT_MASK);
  };
  const status = (error: unknown) => {
    const e = error instanceof GrpcStatusError ? error : new GrpcStatusError(GrpcStatusCode.INTERNAL, String(error));
    return { code: e.code, message: e.message, details: [] };
  };

  return {
    GetObject: unary<GrpcTypes.GetObjectRequest, GrpcTypes.GetObjectResponse>((request) => ({
      object: getObject(request, request.readMask?.paths),
    })),
    BatchGetObjects: unary<GrpcTypes.BatchGetObjectsRequest, GrpcTypes.BatchGetObjectsResponse>((request) => ({
      objects: request.requests.map((one): GrpcTypes.GetObjectResult => {
        try {
          return {
            result: { oneofKind: 'object', object: getObject(one, request.readMask?.paths ?? one.readMask?.paths) },
          };
        } catch (error) {
          return { result: { oneofKind: 'error', error: status(error) } };
        }
      }),
    })),
    GetTransaction: unary<GrpcTypes.GetTransactionRequest, GrpcTypes.GetTransactionResponse>((request) => ({
      transaction: getTransaction(request.digest, request.readMask?.paths),
    })),
    BatchGetTransactions: unary<GrpcTypes.BatchGetTransactionsRequest, GrpcTypes.BatchGetTransactionsResponse>(
      (request) => ({
        transactions: request.digests.map((digest): GrpcTypes.GetTransactionResult => {
          try {
            return {
              result: { oneofKind: 'transaction', transaction: getTransaction(digest, request.readMask?.paths) },
            };
          } catch (error) {
            return { result: { oneofKind: 'error', error: status(error) } };
          }
        }),
      }),
    ),
    GetEpoch: unary<GrpcTypes.GetEpochRequest, GrpcTypes.GetEpochResponse>((request) => {
      if (request.epoch !== undefined && request.epoch !== devnet.suiEpoch)
        throw new GrpcStatusError(GrpcStatusCode.NOT_FOUND, `epoch ${request.epoch} not found`);
      const epoch: GrpcTypes.Epoch = {
        epoch: devnet.suiEpoch,
        firstCheckpoint: 0n,
        start: timestamp(devnet.checkpoints[0]!.timestampMs),
        referenceGasPrice: REFERENCE_GAS_PRICE,
        protocolConfig: {
          protocolVersion: 90n,
          featureFlags: {},
          attributes: { max_tx_gas: '50000000000', max_gas_price: '100000' },
          configs: {},
        },
      };
      return { epoch: masked(GrpcTypes.Epoch, epoch, request.readMask?.paths, ['epoch', 'reference_gas_price']) };
    }),
  };
}

export function stateService(devnet: Devnet): Record<string, MethodImplementation> {
  return {
    ListOwnedObjects: unary<GrpcTypes.ListOwnedObjectsRequest, GrpcTypes.ListOwnedObjectsResponse>((request) => {
      const owner = address(request.owner, 'owner');
      const filter = request.objectType ? normalizeType(request.objectType) : undefined;
      const objects = devnet.objects.ownedBy(owner).filter((object) => !filter || typeMatches(object, filter));
      const { page, next } = pageOf(objects, request.pageSize, request.pageToken);
      return {
        objects: page.map((object) =>
          masked(GrpcTypes.Object, objectToProto(object), request.readMask?.paths, [
            'object_id',
            'version',
            'object_type',
          ]),
        ),
        nextPageToken: next,
      };
    }),
    GetBalance: unary<GrpcTypes.GetBalanceRequest, GrpcTypes.GetBalanceResponse>((request) => {
      const owner = address(request.owner, 'owner');
      if (!request.coinType) throw new GrpcStatusError(GrpcStatusCode.INVALID_ARGUMENT, 'coin_type is required');
      const coinType = normalizeType(request.coinType);
      const balance = coinBalances(devnet, owner).get(coinType) ?? 0n;
      return { balance: { coinType: request.coinType, balance, coinBalance: balance, addressBalance: 0n } };
    }),
    ListBalances: unary<GrpcTypes.ListBalancesRequest, GrpcTypes.ListBalancesResponse>((request) => {
      const owner = address(request.owner, 'owner');
      const all = [...coinBalances(devnet, owner)].sort(([a], [b]) => (a < b ? -1 : 1));
      const { page, next } = pageOf(all, request.pageSize, request.pageToken);
      return {
        balances: page.map(([coinType, balance]) => ({ coinType, balance, coinBalance: balance, addressBalance: 0n })),
        nextPageToken: next,
      };
    }),
    GetCoinInfo: unary<GrpcTypes.GetCoinInfoRequest, GrpcTypes.GetCoinInfoResponse>((request) => {
      const coinType = normalizeType(request.coinType ?? '');
      const wal = normalizeType(`${devnet.deployment.packages.wal}::wal::WAL`);
      if (coinType === wal) {
        return {
          coinType: request.coinType,
          metadata: {
            decimals: 9,
            name: 'WAL',
            symbol: 'WAL',
            description: 'The Tusk token: pays for blob storage and is staked with storage nodes.',
            iconUrl: '',
          },
          treasury: {
            id: devnet.deployment.objects.walTreasury.objectId,
            totalSupply: devnet.state.treasury.totalSupply,
          },
        };
      }
      if (coinType === normalizeType('0x2::sui::SUI')) {
        return {
          coinType: request.coinType,
          metadata: { decimals: 9, name: 'Sui', symbol: 'SUI', description: '', iconUrl: '' },
        };
      }
      throw new GrpcStatusError(GrpcStatusCode.NOT_FOUND, `coin type ${request.coinType} not found`);
    }),
  };
}
