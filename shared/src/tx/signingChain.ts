/**
 * Whether a transaction may be signed here: the wallet must sign for the
 * network the deployment names, and the full node that built and simulated
 * the transaction must be on the deployment's chain. A transaction built
 * against one chain and signed for another either fails or, worse, does
 * something else there (the same object IDs can exist on both), so any
 * disagreement blocks signing with a sentence saying what to change.
 *
 * Chains are compared by their identifier: the genesis checkpoint digest
 * (base58, as a full node reports it), or its first 4 bytes in hex (the form
 * `sui:35834a8a` chain names use). Mainnet and testnet are known; other
 * networks are checked against the deployment's `chainId` when it has one.
 */
import { fromBase58, toHex } from '@mysten/sui/utils';

/** Public Sui networks by the short form of their chain identifier. */
export const KNOWN_CHAINS: Readonly<Record<string, string>> = { mainnet: '35834a8a', testnet: '4c78adac' };

/** The short (8 hex digits) form of a chain identifier given in either form; null if it is neither. */
export function shortChainId(chainId: string): string | null {
  const text = chainId.trim();
  if (/^[0-9a-fA-F]{8}$/.test(text)) return text.toLowerCase();
  if (!/^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(text)) return null;
  try {
    const bytes = fromBase58(text);
    return bytes.length === 32 ? toHex(bytes.slice(0, 4)) : null;
  } catch {
    return null;
  }
}

export interface SigningChainInput {
  /** The deployment's network name and, if pinned, chain identifier. */
  deployment: { network: string; chainId?: string };
  /** The chain identifier the deployment's full node reports, or null if it could not be read. */
  nodeChainId: string | null;
  /** The network dApp Kit asks the wallet to sign for (it signs for `sui:<network>`). */
  walletNetwork: string;
  /** The chains the connected wallet account supports (wallet-standard names such as `sui:testnet`). */
  accountChains: readonly string[];
}

/** Why signing must not go ahead, in one sentence; null when wallet, node and deployment agree. */
export function signingChainProblem(input: SigningChainInput): string | null {
  const { network } = input.deployment;
  const chain = `sui:${network}`;
  if (input.walletNetwork !== network) {
    return `The wallet would sign for sui:${input.walletNetwork}, but this dashboard's contracts are on ${chain}. Reload the page, then try again.`;
  }
  if (!input.accountChains.includes(chain)) {
    const on = input.accountChains.length > 0 ? input.accountChains.join(', ') : 'no Sui network';
    return `Your wallet account is set up for ${on}, not ${chain}: switch the wallet to ${network} (or pick an account on it), then review again.`;
  }
  if (input.nodeChainId === null) {
    return `Could not read which chain the full node is on, so signing for ${chain} is off: try again in a moment.`;
  }
  const node = shortChainId(input.nodeChainId);
  if (node === null)
    return `The full node reports an unreadable chain identifier ("${input.nodeChainId.slice(0, 60)}").`;
  const pinned = input.deployment.chainId === undefined ? null : shortChainId(input.deployment.chainId);
  if (input.deployment.chainId !== undefined && pinned === null) {
    return `This dashboard's deployment names an unreadable chain identifier ("${input.deployment.chainId.slice(0, 60)}").`;
  }
  const expected = pinned ?? KNOWN_CHAINS[network] ?? null;
  if (expected !== null && node !== expected) {
    return `The full node is on chain ${node}, but this dashboard's contracts are on ${network} (chain ${expected}): signing is off until they match.`;
  }
  for (const [name, id] of Object.entries(KNOWN_CHAINS)) {
    if (name !== network && node === id) {
      return `The full node is on ${name}, but this dashboard's contracts are on ${network}: signing is off until they match.`;
    }
  }
  return null;
}
