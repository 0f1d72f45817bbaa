/**
 * Storage-node identities for the devnet's own nodes: a BLS keypair per node
 * (deterministic from a label), its proof of possession for the operator, and
 * certificates signed by a committee of such nodes (an aggregate signature
 * made from the sum of the signers' secret keys).
 */
import {
  aggregateSecretKey,
  blsKeypair,
  blsSign,
  proofOfPossession,
  vouchAggregate,
  type BlsCommittee,
  type BlsKeypair,
} from './tusk/bls.ts';
import { signersBitmap } from './tusk/storageFormats.ts';

export interface NodeKeys {
  bls: BlsKeypair;
  /** Proof of possession for the operator. */
  proofOfPossession: Uint8Array;
  networkPublicKey: Uint8Array;
}

export function nodeKeys(label: string, operator: string): NodeKeys {
  const bls = blsKeypair(`tusk-devnet-node:${label}`);
  const network = blsKeypair(`tusk-devnet-network:${label}`).publicKey.slice(0, 32);
  return { bls, proofOfPossession: proofOfPossession(bls, operator), networkPublicKey: network };
}

export interface Certificate {
  signature: Uint8Array;
  signersBitmap: Uint8Array;
  message: Uint8Array;
}

/**
 * A certificate over `message` by the committee members in `signers`
 * (committee indices) whose keys are in `keysByPublicKey`.
 */
export function certify(
  committee: BlsCommittee,
  keysByPublicKey: Map<string, BlsKeypair>,
  signers: number[],
  message: Uint8Array,
): Certificate {
  const secret = aggregateSecretKey(
    signers.map((i) => {
      const key = keysByPublicKey.get(Buffer.from(committee.publicKeys[i]!).toString('hex'));
      if (!key) throw new Error(`no secret key for committee member ${i}`);
      return key.secretKey;
    }),
  );
  const bitmap = signersBitmap(signers, committee.nodeIds.length);
  const signature = blsSign(secret, message);
  vouchAggregate(committee, signature, bitmap, message);
  return { signature, signersBitmap: bitmap, message };
}
