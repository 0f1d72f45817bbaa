/**
 * `npm run faucet -w @tusk/devnet -- <address> [--url <faucet url>]`: asks the
 * running devnet's faucet (started by `npm start`) for WAL and SUI for
 * `address`, so it can stake with a dev wallet.
 */
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { url: { type: 'string', default: 'http://127.0.0.1:9123/faucet' } },
});
const address = positionals[0];
if (!address || !/^0x[0-9a-fA-F]{1,64}$/.test(address)) {
  console.error('usage: npm run faucet -w @tusk/devnet -- 0x<address> [--url http://127.0.0.1:9123/faucet]');
  process.exit(2);
}
try {
  const res = await fetch(values.url!, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ address }),
  });
  const body = (await res.json()) as { error?: string; wal?: string; sui?: string; digest?: string };
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  console.log(
    `sent ${Number(body.wal) / 1e9} WAL and ${Number(body.sui) / 1e9} SUI to ${address} (transaction ${body.digest})`,
  );
} catch (error) {
  console.error(`the faucet at ${values.url} did not answer (${(error as Error).message}); is \`npm start\` running?`);
  process.exit(1);
}
