// Which Sui network `--network` names: the full node's gRPC(-web) URL the
// SuiGrpcClient talks to, and the faucet, when the network has one.

/** A network the publish tool can talk to. */
export interface Network {
  /** `localnet`, `devnet`, `testnet`, `mainnet`, or `custom` for a URL. */
  name: string;
  /** Base URL of the full node (gRPC-web over HTTP). */
  url: string;
  /** Faucet host for `requestSuiFromFaucetV2`, if the network has one. */
  faucet?: string;
}

const KNOWN: Record<string, Network> = {
  localnet: { name: 'localnet', url: 'http://127.0.0.1:9000', faucet: 'http://127.0.0.1:9123' },
  devnet: { name: 'devnet', url: 'https://fullnode.devnet.sui.io:443', faucet: 'https://faucet.devnet.sui.io' },
  testnet: { name: 'testnet', url: 'https://fullnode.testnet.sui.io:443', faucet: 'https://faucet.testnet.sui.io' },
  mainnet: { name: 'mainnet', url: 'https://fullnode.mainnet.sui.io:443' },
};

export const NETWORK_NAMES = Object.keys(KNOWN);

/**
 * Resolves `--network` (a name or an http(s) URL). `faucet` overrides or adds
 * the faucet (e.g. `http://sui:9123` for the docker-compose localnet).
 */
export function resolveNetwork(value: string, overrides: { faucet?: string; name?: string } = {}): Network {
  const known = KNOWN[value];
  let network: Network;
  if (known) {
    network = { ...known };
  } else {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`--network must be one of ${NETWORK_NAMES.join(', ')} or an http(s) URL (got "${value}")`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`--network URL must be http:// or https:// (got "${value}")`);
    }
    network = { name: 'custom', url: value.replace(/\/+$/, '') };
  }
  if (overrides.faucet) network.faucet = overrides.faucet.replace(/\/+$/, '');
  if (overrides.name) network.name = overrides.name;
  return network;
}
