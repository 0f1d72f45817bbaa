'use client';
/**
 * The header's wallet control: a plain, keyboard-friendly menu over dApp Kit
 * (list detected wallets, connect, show the account, disconnect).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useCurrentAccount, useDAppKit, useWalletConnection, useWallets } from '@mysten/dapp-kit-react';
import { shortId } from '@tusk/shared/format';
import { useDeployment } from '../app/DeploymentContext.tsx';
import { useMounted } from '../app/useMounted.ts';

export function WalletMenu() {
  const mounted = useMounted();
  const deployment = useDeployment();
  if (!deployment)
    return (
      <span className="network-tag" title="No deployment configured: wallet actions are off">
        read-only
      </span>
    );
  if (!mounted)
    return (
      <button className="button button--secondary" type="button" disabled>
        Wallet…
      </button>
    );
  return <WalletMenuConnected network={deployment.network} />;
}

function WalletMenuConnected({ network }: { network: string }) {
  const dAppKit = useDAppKit();
  const wallets = useWallets();
  const connection = useWalletConnection();
  const account = useCurrentAccount();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const menuId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !ref.current?.contains(event.target as Node))
        setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  async function connect(index: number) {
    setError(null);
    const wallet = wallets[index];
    if (!wallet) return;
    try {
      await dAppKit.connectWallet({ wallet });
      setOpen(false);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  }

  const label = account
    ? shortId(account.address)
    : connection.isConnecting || connection.isReconnecting
      ? 'Connecting…'
      : 'Connect wallet';
  return (
    <div className="wallet" ref={ref}>
      <button
        type="button"
        className={account ? 'button button--secondary' : 'button'}
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
        data-testid="wallet-button"
        title={account?.address}
      >
        {label}
      </button>
      {open ? (
        <ul className="wallet__menu" id={menuId} aria-label="Wallet">
          {account ? (
            <>
              <li className="hint mono" style={{ padding: '0.3rem 0.5rem', overflowWrap: 'anywhere' }}>
                {account.address}
              </li>
              <li>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    void navigator.clipboard?.writeText(account.address);
                    setOpen(false);
                  }}
                >
                  Copy address
                </button>
              </li>
              <li>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    void dAppKit.disconnectWallet();
                    setOpen(false);
                  }}
                >
                  Disconnect
                </button>
              </li>
            </>
          ) : wallets.length === 0 ? (
            <li className="hint" style={{ padding: '0.4rem' }}>
              No Sui wallet for network “{network}” was found in this browser. Install or unlock one, then reload.
            </li>
          ) : (
            wallets.map((wallet, index) => (
              <li key={wallet.name}>
                <button type="button" className="button button--secondary" onClick={() => void connect(index)}>
                  {wallet.icon ? <img src={wallet.icon} alt="" width={18} height={18} /> : null}
                  {wallet.name}
                </button>
              </li>
            ))
          )}
          {error ? (
            <li className="field-error" role="alert" style={{ padding: '0.4rem' }}>
              {error}
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}
