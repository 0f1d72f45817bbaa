import { toBase58 } from '@mysten/sui/utils';
import { describe, expect, it } from 'vitest';
import { KNOWN_CHAINS, shortChainId, signingChainProblem, type SigningChainInput } from './signingChain.ts';

/** A 32-byte genesis digest (base58) whose first four bytes are `prefix`. */
function digestStartingWith(prefix: string): string {
  const bytes = new Uint8Array(32).fill(7);
  for (let i = 0; i < 4; i++) bytes[i] = parseInt(prefix.slice(2 * i, 2 * i + 2), 16);
  return toBase58(bytes);
}

const LOCAL = digestStartingWith('0badf00d');
const MAINNET = digestStartingWith(KNOWN_CHAINS.mainnet!);
const ok: SigningChainInput = {
  deployment: { network: 'devnet', chainId: LOCAL },
  nodeChainId: LOCAL,
  walletNetwork: 'devnet',
  accountChains: ['sui:devnet'],
};

describe('shortChainId', () => {
  it('reads a base58 genesis digest and the 8-hex short form alike', () => {
    expect(shortChainId(LOCAL)).toBe('0badf00d');
    expect(shortChainId('0BADF00D')).toBe('0badf00d');
    expect(shortChainId('not a chain')).toBeNull();
    expect(shortChainId(toBase58(new Uint8Array(8).fill(1)))).toBeNull();
  });
});

describe('signingChainProblem', () => {
  it('allows signing when wallet, node and deployment agree', () => {
    expect(signingChainProblem(ok)).toBeNull();
    expect(signingChainProblem({ ...ok, deployment: { network: 'devnet', chainId: '0badf00d' } })).toBeNull();
  });

  it('blocks a wallet account that is not on the deployment network', () => {
    expect(signingChainProblem({ ...ok, accountChains: ['sui:testnet'] })).toBe(
      'Your wallet account is set up for sui:testnet, not sui:devnet: switch the wallet to devnet (or pick an account on it), then review again.',
    );
  });

  it('blocks when dApp Kit would ask the wallet to sign for another network', () => {
    expect(signingChainProblem({ ...ok, walletNetwork: 'mainnet' })).toContain(
      "would sign for sui:mainnet, but this dashboard's contracts are on sui:devnet",
    );
  });

  it('blocks when the full node is on another chain than the deployment pins', () => {
    expect(signingChainProblem({ ...ok, nodeChainId: digestStartingWith('12345678') })).toBe(
      "The full node is on chain 12345678, but this dashboard's contracts are on devnet (chain 0badf00d): signing is off until they match.",
    );
  });

  it('blocks a mainnet deployment whose node is not mainnet, and a local deployment whose node is mainnet', () => {
    const mainnet = { network: 'mainnet' };
    expect(
      signingChainProblem({
        deployment: mainnet,
        nodeChainId: LOCAL,
        walletNetwork: 'mainnet',
        accountChains: ['sui:mainnet'],
      }),
    ).toContain('on chain 0badf00d');
    expect(
      signingChainProblem({
        deployment: { network: 'localnet' },
        nodeChainId: MAINNET,
        walletNetwork: 'localnet',
        accountChains: ['sui:localnet'],
      }),
    ).toBe(
      "The full node is on mainnet, but this dashboard's contracts are on localnet: signing is off until they match.",
    );
  });

  it('blocks when the node did not say which chain it is on', () => {
    expect(signingChainProblem({ ...ok, nodeChainId: null })).toContain('Could not read which chain');
  });
});
