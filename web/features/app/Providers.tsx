'use client';
/**
 * Client-side context for every page: react-query (polling the API), the
 * deployment, and dApp Kit with a gRPC client for the deployment's full node.
 * Without a deployment the dashboard still reads the index; wallet actions are
 * unavailable (and say so).
 */
import { useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createDAppKit, DAppKitProvider } from '@mysten/dapp-kit-react';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { parseDeployment, type DeploymentInput } from '@tusk/shared/deployment';
import { DeploymentContext } from './DeploymentContext.tsx';

export const WALLET_STORAGE_KEY = 'tusk:wallet';

/** Network name used when no deployment is configured: no wallet supports it, so none connects. */
const UNCONFIGURED = 'unconfigured';

function makeDAppKit(deployment: ReturnType<typeof parseDeployment> | null) {
  const network = deployment?.network ?? UNCONFIGURED;
  const publicNetwork = network === 'mainnet' || network === 'testnet';
  return createDAppKit({
    networks: [network],
    defaultNetwork: network,
    // Without a deployment the client is never called (every chain read and action is disabled).
    createClient: (name) => new SuiGrpcClient({ network: name, baseUrl: deployment?.rpcUrl ?? 'http://127.0.0.1:1' }),
    storageKey: WALLET_STORAGE_KEY,
    autoConnect: deployment !== null,
    // The Slush web wallet only serves public networks; a local network gets
    // dApp Kit's burner wallet instead (a throwaway key in the page, funded by
    // the devnet's faucet), so a newcomer can stake without installing anything.
    slushWalletConfig: publicNetwork ? undefined : null,
    enableBurnerWallet: deployment !== null && !publicNetwork,
  });
}

/**
 * One dApp Kit per browser window and deployment. Creating one registers its
 * wallets (the burner wallet among them) with the page's wallet registry, for
 * good: React runs state initializers twice in development (StrictMode), and
 * a second kit listed every such wallet twice.
 */
let windowKit: { key: string; kit: ReturnType<typeof makeDAppKit> } | undefined;

function dAppKitFor(deployment: ReturnType<typeof parseDeployment> | null) {
  if (typeof window === 'undefined') return makeDAppKit(deployment);
  const key = JSON.stringify(deployment ? { network: deployment.network, rpcUrl: deployment.rpcUrl } : null);
  if (windowKit?.key !== key) windowKit = { key, kit: makeDAppKit(deployment) };
  return windowKit.kit;
}

export function Providers({
  deployment: input,
  children,
}: {
  deployment: DeploymentInput | null;
  children: ReactNode;
}) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 2_000, retry: 1, refetchOnWindowFocus: true } },
      }),
  );
  const [deployment] = useState(() => (input ? parseDeployment(input) : null));
  const [dAppKit] = useState(() => dAppKitFor(deployment));
  return (
    <QueryClientProvider client={queryClient}>
      <DeploymentContext.Provider value={deployment}>
        <DAppKitProvider dAppKit={dAppKit}>{children}</DAppKitProvider>
      </DeploymentContext.Provider>
    </QueryClientProvider>
  );
}
