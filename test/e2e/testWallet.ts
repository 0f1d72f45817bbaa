/**
 * A wallet-standard wallet injected into the page, holding an Ed25519 key in
 * the test process: the page's wallet object forwards signing requests to
 * functions exposed by Playwright, which build the transaction against the
 * devnet, sign it and (for signAndExecute) execute it. dApp Kit sees it like
 * any browser wallet extension.
 */
import type { Page } from 'playwright-core';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Transaction } from '@mysten/sui/transactions';
import { toBase64 } from '@mysten/sui/utils';

export const TEST_WALLET_NAME = 'Tusk Test Wallet';

export class TestWallet {
  readonly keypair = new Ed25519Keypair();
  readonly address = this.keypair.toSuiAddress();
  readonly client: SuiGrpcClient;
  signed = 0;

  constructor(
    readonly rpcUrl: string,
    readonly chain: string,
  ) {
    this.client = new SuiGrpcClient({ network: 'localnet', baseUrl: rpcUrl });
  }

  async #build(json: string): Promise<{ bytes: Uint8Array; signature: string }> {
    const transaction = Transaction.from(json);
    transaction.setSenderIfNotSet(this.address);
    const bytes = await transaction.build({ client: this.client });
    const { signature } = await this.keypair.signTransaction(bytes);
    this.signed++;
    return { bytes, signature };
  }

  async signTransaction(json: string): Promise<{ bytes: string; signature: string }> {
    const { bytes, signature } = await this.#build(json);
    return { bytes: toBase64(bytes), signature };
  }

  async signAndExecuteTransaction(
    json: string,
  ): Promise<{ bytes: string; signature: string; digest: string; effects: string }> {
    const { bytes, signature } = await this.#build(json);
    const result = await this.client.core.executeTransaction({
      transaction: bytes,
      signatures: [signature],
      include: { effects: true },
    });
    const executed = result.Transaction ?? result.FailedTransaction;
    if (!executed?.effects?.bcs) throw new Error('the node returned no effects');
    return { bytes: toBase64(bytes), signature, digest: executed.digest, effects: toBase64(executed.effects.bcs) };
  }

  /** Installs the wallet in `page` (before any script of the app runs). */
  async install(page: Page): Promise<void> {
    await page.exposeFunction('__tuskTestWalletSign', (json: string) => this.signTransaction(json));
    await page.exposeFunction('__tuskTestWalletExecute', (json: string) => this.signAndExecuteTransaction(json));
    const config = {
      name: TEST_WALLET_NAME,
      address: this.address,
      publicKey: Array.from(this.keypair.getPublicKey().toRawBytes()),
      chain: this.chain,
    };
    // As source text: the bundler's helpers (e.g. esbuild's __name) do not exist in the page.
    await page.addInitScript({
      content: `var __name = (fn) => fn;\n(${injectedWallet.toString()})(${JSON.stringify(config)});`,
    });
  }
}

/** Runs in the page: registers the wallet with the Wallet Standard. */
function injectedWallet(config: { name: string; address: string; publicKey: number[]; chain: string }) {
  type Win = Window & {
    __tuskTestWalletSign(json: string): Promise<{ bytes: string; signature: string }>;
    __tuskTestWalletExecute(
      json: string,
    ): Promise<{ bytes: string; signature: string; digest: string; effects: string }>;
  };
  const w = window as unknown as Win;
  const features = ['sui:signTransaction', 'sui:signAndExecuteTransaction'] as const;
  const account = {
    address: config.address,
    publicKey: new Uint8Array(config.publicKey),
    chains: [config.chain] as `${string}:${string}`[],
    features: [...features],
    label: 'Test account',
  };
  const listeners = new Set<(event: { accounts: (typeof account)[] }) => void>();
  let connected = false;
  const wallet = {
    version: '1.0.0' as const,
    name: config.name,
    icon: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHZpZXdCb3g9IjAgMCAzMiAzMiI+PHJlY3Qgd2lkdGg9IjMyIiBoZWlnaHQ9IjMyIiByeD0iNyIgZmlsbD0iIzQ0NCIvPjwvc3ZnPg==' as `data:image/svg+xml;base64,${string}`,
    chains: [config.chain] as `${string}:${string}`[],
    get accounts() {
      return connected ? [account] : [];
    },
    features: {
      'standard:connect': {
        version: '1.0.0',
        connect: async () => {
          connected = true;
          for (const listener of listeners) listener({ accounts: [account] });
          return { accounts: [account] };
        },
      },
      'standard:disconnect': {
        version: '1.0.0',
        disconnect: async () => {
          connected = false;
          for (const listener of listeners) listener({ accounts: [] });
        },
      },
      'standard:events': {
        version: '1.0.0',
        on: (_event: string, listener: (event: { accounts: (typeof account)[] }) => void) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      'sui:signTransaction': {
        version: '2.0.0',
        signTransaction: async ({ transaction }: { transaction: { toJSON(): Promise<string> } }) =>
          w.__tuskTestWalletSign(await transaction.toJSON()),
      },
      'sui:signAndExecuteTransaction': {
        version: '2.0.0',
        signAndExecuteTransaction: async ({ transaction }: { transaction: { toJSON(): Promise<string> } }) =>
          w.__tuskTestWalletExecute(await transaction.toJSON()),
      },
    },
  };
  const register = (api: { register(wallet: unknown): unknown }) => api.register(wallet);
  try {
    window.dispatchEvent(new CustomEvent('wallet-standard:register-wallet', { detail: register }));
  } catch (error) {
    console.error('test wallet: could not dispatch the register event', error);
  }
  window.addEventListener('wallet-standard:app-ready', (event) => register((event as CustomEvent).detail));
}
