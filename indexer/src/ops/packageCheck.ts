/**
 * Whether the packages the indexer is asked to follow exist on the chain it
 * reads. A valid but wrong package ID is otherwise silent: no event ever
 * matches, and the watermarks move to the tip regardless.
 */
import { RpcError, type SuiGrpcClient } from '@mysten/sui/grpc';

/** The package IDs the full node says it does not have (a node that cannot tell is taken at its word: none). */
export async function missingPackages(client: SuiGrpcClient, packageIds: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const objectId of packageIds) {
    try {
      await client.ledgerService.getObject({ objectId, readMask: { paths: ['object_id'] } });
    } catch (error) {
      // Only a definite "not found" counts: a node without GetObject, or a
      // failing one, is no evidence either way (the chain check already ran).
      if (error instanceof RpcError && error.code === 'NOT_FOUND') missing.push(objectId);
    }
  }
  return missing;
}
