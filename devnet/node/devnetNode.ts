/**
 * The devnet behind the Sui full-node wire protocol: the fake node's
 * gRPC-web server (devnet/fakenode) serving the devnet's ledger as its
 * checkpoint store, extended by composition with the services wallets and
 * the dashboard use — objects, transactions, epoch and gas price, owned
 * objects and balances, simulation and execution.
 */
import { GrpcTypes } from '@mysten/sui/grpc';
import { startFakeNode, type FakeNode } from '../fakenode/fakeNode.ts';
import type { Devnet } from '../sim/devnet.ts';
import { DevnetCheckpointStore } from './devnetCheckpointStore.ts';
import { executionService, type ExecutionHooks } from './executionService.ts';
import { ledgerReadService, stateService } from './readServices.ts';

export interface DevnetNodeOptions extends ExecutionHooks {
  port?: number;
  host?: string;
}

export type DevnetNode = FakeNode<DevnetCheckpointStore>;

export async function startDevnetNode(devnet: Devnet, options: DevnetNodeOptions = {}): Promise<DevnetNode> {
  const node = await startFakeNode({
    store: new DevnetCheckpointStore(devnet),
    identity: { chainId: devnet.chainId, chain: 'localnet' },
    port: options.port,
    host: options.host,
  });
  node.server
    .addService(GrpcTypes.LedgerService, ledgerReadService(devnet))
    .addService(GrpcTypes.StateService, stateService(devnet))
    .addService(GrpcTypes.TransactionExecutionService, executionService(devnet, options));
  return node;
}
