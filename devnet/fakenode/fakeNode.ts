/**
 * A fake Sui full node for tests: the gRPC-web services the indexer uses
 * (`LedgerService.GetServiceInfo`, `GetCheckpoint`, `ListCheckpoints`,
 * `SubscriptionService.SubscribeCheckpoints`) over a pluggable checkpoint
 * store, reachable by an unmodified `SuiGrpcClient`, with fault injection.
 *
 * To serve more (the devnet adds objects and transactions), add services to
 * `node.server` before or after it starts:
 * `node.server.addService(GrpcTypes.StateService, { GetBalance: unary(...) })`.
 */
import { GrpcTypes } from '@mysten/sui/grpc';
import type { CheckpointStore } from './checkpointStore.ts';
import type { FaultPlan } from './faults.ts';
import { GrpcWebServer } from './grpcWebServer.ts';
import { ledgerService, type ChainIdentity, type LedgerServiceOptions } from './ledgerService.ts';
import { subscriptionService } from './subscriptionService.ts';

export interface FakeNodeOptions<Store extends CheckpointStore> {
  store: Store;
  faults?: FaultPlan;
  identity?: ChainIdentity;
  ledger?: LedgerServiceOptions;
  /** Port to listen on (0, the default, picks a free one). */
  port?: number;
  host?: string;
}

export interface FakeNode<Store extends CheckpointStore> {
  /** Base URL for `new SuiGrpcClient({ baseUrl: url, network: 'localnet' })`. */
  url: string;
  store: Store;
  server: GrpcWebServer;
  close(): Promise<void>;
}

export const FAKE_CHAIN: ChainIdentity = { chainId: '4btiuiMPvEENsttpZC7CZ53DruC3MAgfznDbASZ7DR6S', chain: 'localnet' };

export async function startFakeNode<Store extends CheckpointStore>(
  options: FakeNodeOptions<Store>,
): Promise<FakeNode<Store>> {
  const server = new GrpcWebServer({ faults: options.faults })
    .addService(GrpcTypes.LedgerService, ledgerService(options.store, options.identity ?? FAKE_CHAIN, options.ledger))
    .addService(GrpcTypes.SubscriptionService, subscriptionService(options.store));
  const url = await server.listen(options.port, options.host);
  return { url, store: options.store, server, close: () => server.close() };
}
