/**
 * The devnet described in the shared Deployment schema
 * (`shared/src/deployment.ts`): package IDs, shared objects with their
 * initial shared versions, the node URL. The web app, the indexer, the
 * transaction builders and e2e tests read it like any other deployment.
 */
import { parseDeployment, type Deployment } from '@tusk/shared/deployment';
import type { Devnet } from '../sim/devnet.ts';

export function devnetDeployment(devnet: Devnet, rpcUrl: string, options: { withVersions?: boolean } = {}): Deployment {
  const shared = (name: 'staking' | 'governance' | 'system' | 'walTreasury') => {
    const object = devnet.deployment.objects[name];
    return options.withVersions === false
      ? object.objectId
      : { objectId: object.objectId, initialSharedVersion: object.initialSharedVersion.toString() };
  };
  return parseDeployment(
    {
      network: 'devnet',
      chainId: devnet.chainId,
      rpcUrl,
      packages: devnet.deployment.packages,
      objects: {
        staking: shared('staking'),
        governance: shared('governance'),
        system: shared('system'),
        walTreasury: shared('walTreasury'),
      },
      startCheckpoint: '0',
    },
    'devnet deployment',
  );
}
