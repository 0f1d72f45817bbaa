import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Nav } from '@/features/app/Nav';
import { Providers } from '@/features/app/Providers';
import { apiPath } from '@/features/data/endpoints';
import { WalletMenu } from '@/features/wallet/WalletMenu';
import { deploymentForClient } from '@/server/data';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Tusk — staking dashboard', template: '%s · Tusk' },
  description: 'Stake WAL with Tusk storage nodes, follow rewards and unbonding, vote on governance and run your node.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  const { deployment, error } = deploymentForClient();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Providers deployment={deployment}>
          <header className="site-header">
            <div className="site-header__inner">
              <Link href="/" className="brand" aria-label="Tusk home">
                <span className="brand__mark" aria-hidden="true">
                  T
                </span>
                Tusk
              </Link>
              <Nav />
              {deployment ? (
                <span className="network-tag" title={`Full node ${deployment.rpcUrl}`}>
                  {deployment.network}
                </span>
              ) : null}
              <WalletMenu />
            </div>
          </header>
          <main id="main" tabIndex={-1}>
            {error ? (
              <div className="notice notice--error" role="alert">
                <strong>Deployment file problem.</strong> {error}
              </div>
            ) : null}
            {children}
          </main>
          <footer className="site-footer">
            Data from the Tusk indexer; amounts in WAL (1 WAL = 10⁹ FROST). Times in UTC.{' '}
            <Link href={apiPath('overview', {})}>JSON API</Link>
          </footer>
        </Providers>
      </body>
    </html>
  );
}
