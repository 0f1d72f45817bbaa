/**
 * The e2e suite (`npm run test:e2e` runs it through `run.ts`): the dashboard in Chromium against the devnet, the
 * indexer and the database, with an injected wallet-standard test wallet.
 * A delegator stakes, sees the stake pending, then (the devnet advancing
 * epochs) active with rewards; proposes and votes; requests a withdrawal and
 * withdraws; an operator collects commission and schedules a change. Every
 * page is screenshotted (test/artifacts/e2e-screenshot-*.png), then again in
 * a phone-sized viewport. Ends with `E2E_TESTS passed=N failed=M`.
 *
 * Chromium: /usr/bin/chromium (CHROMIUM_PATH overrides); never downloaded.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { FROST_PER_WAL } from '@tusk/shared/protocol';
import { nodeKeys } from '../devnet/sim/nodeKeys.ts';
import { MIST_PER_SUI } from '../devnet/sim/gas.ts';
import { startStack, type Stack } from './stack.ts';
import { TEST_WALLET_NAME, TestWallet } from './testWallet.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const log = (line: string) => console.error(line);
const PAGE_TIMEOUT = 120_000;

interface Result {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}
const results: Result[] = [];

async function step(name: string, page: Page | null, run: () => Promise<void>): Promise<boolean> {
  const start = Date.now();
  try {
    await run();
    results.push({ name, ok: true, ms: Date.now() - start });
    log(`  ✓ ${name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
    results.push({ name, ok: false, error: message, ms: Date.now() - start });
    log(`  ✗ ${name}: ${message}`);
    if (page)
      await page.screenshot({ path: join(ARTIFACTS, `e2e-failure-${slug(name)}.png`), fullPage: true }).catch(() => {});
    return false;
  }
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(ARTIFACTS, `e2e-screenshot-${name}.png`), fullPage: true });
}

async function open(page: Page, url: string, ready: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT });
  await page.getByText(ready, { exact: false }).first().waitFor({ timeout: PAGE_TIMEOUT });
  // Pages are server-rendered: their text shows before React has hydrated them,
  // and a click before that is lost. The wallet button appears only once hydrated.
  await page.getByTestId('wallet-button').waitFor({ timeout: PAGE_TIMEOUT });
}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Runs a transaction dialog's review and submit, and waits until it is confirmed and indexed. */
async function confirmTransaction(page: Page, reviewTestId: string): Promise<string> {
  await page.getByTestId(reviewTestId).click();
  const status = page.getByTestId('tx-status');
  await page
    .getByTestId('tx-fee')
    .or(page.getByTestId('tx-failed'))
    .or(page.locator('.field-error'))
    .first()
    .waitFor({ timeout: 60_000 });
  if (await page.getByTestId('tx-failed').isVisible())
    throw new Error(`simulation failed: ${await page.getByTestId('tx-failed').innerText()}`);
  if (await page.locator('dialog .field-error').isVisible())
    throw new Error(`form error: ${await page.locator('dialog .field-error').innerText()}`);
  expect((await page.getByTestId('tx-fee').innerText()).includes('SUI'), 'the review shows the fee in SUI');
  await page.getByTestId('tx-submit').click();
  await page.getByTestId('tx-confirmed').or(page.getByTestId('tx-failed')).first().waitFor({ timeout: 60_000 });
  if (await page.getByTestId('tx-failed').isVisible())
    throw new Error(`transaction failed: ${await page.getByTestId('tx-failed').innerText()}`);
  const digest = await status.getByTestId('tx-digest').first().innerText();
  expect(digest.length > 20, 'a digest is shown');
  await page.getByText('The dashboard is up to date.').waitFor({ timeout: 45_000 });
  return digest;
}

async function closeDialog(page: Page): Promise<void> {
  await page.locator('dialog[open] .modal__head button').click();
}

/** Debian's Chromium with a fresh profile directory, headless and quiet. */
function launch(options: Parameters<typeof chromium.launchPersistentContext>[1]): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'tusk-e2e-chromium-')), {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    ...options,
  });
}

async function advance(stack: Stack, epochs = 1): Promise<void> {
  for (let i = 0; i < epochs; i++) await stack.devnet.advanceEpoch();
  await stack.waitForIndexer();
}

async function main(): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const stack = await startStack(log);
  const contexts: BrowserContext[] = [];
  try {
    const devnet = stack.devnet;
    const wallet = new TestWallet(devnet.url, `sui:${devnet.deployment.network}`);
    const WAL = FROST_PER_WAL;
    await devnet.faucet(wallet.address, { wal: 20_000n * WAL, sui: 100n * MIST_PER_SUI });

    // The wallet also operates a node: registered for it on the devnet, staked by the faucet, synced by the keeper.
    const calls = devnet.network.calls;
    const keys = nodeKeys('e2e-operator', wallet.address);
    const registered = calls.registerCandidate(wallet.address, {
      name: 'E2E Operator Node',
      networkAddress: 'e2e.tusk.example:9000',
      metadataUrl: 'https://e2e.tusk.example/node.json',
      publicKey: keys.bls.publicKey,
      networkPublicKey: keys.networkPublicKey,
      proofOfPossession: keys.proofOfPossession,
      commissionBps: 1000,
      storagePrice: 100_000n,
      writePrice: 20_000n,
      capacity: 1n << 40n,
    });
    const registeredEvent = registered.tx.events.find((event) => event.name === 'NodeRegistered');
    if (!registeredEvent)
      throw new Error(`could not register the operator node: ${JSON.stringify(registered.tx.status)}`);
    const operatorNodeId = `0x${Buffer.from(registeredEvent.bcs.slice(4, 36)).toString('hex')}`;
    const capId = registered.created.find((object) => object.type.endsWith('::StorageNodeCap'))!.id;
    devnet.network.keeper.operate({ nodeId: operatorNodeId, operator: wallet.address, capId });
    calls.stake(devnet.devnet.faucetAddress, operatorNodeId, 3_000_000n * WAL);
    devnet.network.seal();
    await stack.waitForIndexer();
    log(`e2e: wallet ${wallet.address} funded; operates node ${operatorNodeId}`);

    const context: BrowserContext = await launch({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    context.setDefaultTimeout(30_000);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => log(`  page error: ${error.message.split('\n')[0]}`));
    await wallet.install(page);
    const base = stack.baseUrl;

    await step('overview shows the current epoch and network figures', page, async () => {
      await open(page, `${base}/`, 'Network overview');
      await page.getByTestId('epoch-clock').waitFor();
      const clock = await page.getByTestId('epoch-clock').innerText();
      expect(
        clock.includes(`Epoch ${devnet.devnet.state.staking.epoch}`),
        `the clock names epoch ${devnet.devnet.state.staking.epoch}: ${clock.slice(0, 80)}`,
      );
      await page.locator('.recharts-surface').first().waitFor();
      await shot(page, 'overview');
    });

    await step('nodes are shuffled by default, say so, and sort by stake', page, async () => {
      await open(page, `${base}/nodes`, 'Storage nodes');
      await page.getByText('Random order.').waitFor();
      const rows = page.getByTestId('nodes-table').locator('tbody tr');
      expect((await rows.count()) >= 9, 'every node is listed');
      await page.getByRole('button', { name: 'Sort by Stake' }).click();
      await page.getByText('sorted by stake (high to low)').waitFor();
      await shot(page, 'nodes');
    });

    await step('the injected test wallet connects', page, async () => {
      await page.getByTestId('wallet-button').click();
      await page.getByRole('button', { name: TEST_WALLET_NAME }).click();
      await page
        .getByTestId('wallet-button')
        .filter({ hasText: wallet.address.slice(2, 6) })
        .waitFor();
    });

    const committee = await (await fetch(`${base}/api/v1/nodes?status=committee&sort=stake&limit=1`)).json();
    const stakeNodeId: string = committee.rows[0].nodeId;
    let activationEpoch = 0;

    await step('stake 200 WAL: simulate with fee, sign, confirmed with digest', page, async () => {
      await open(page, `${base}/nodes/${stakeNodeId}`, 'Stake by epoch');
      await page.locator('.recharts-surface').first().waitFor();
      await shot(page, 'node');
      await page.getByTestId('stake-open').click();
      await page.getByLabel('Amount (WAL)').fill('0.5');
      await page.getByTestId('stake-review').click();
      await page.getByText('stake must be at least 1 WAL (got 0.5)').waitFor();
      await page.getByLabel('Amount (WAL)').fill('200');
      await confirmTransaction(page, 'stake-review');
      await closeDialog(page);
    });

    await step('the new position shows as pending with its activation epoch and date', page, async () => {
      await open(page, `${base}/stake`, 'My stake');
      const pending = page.getByTestId('pending-activation').first();
      await pending.waitFor({ timeout: 60_000 });
      const text = await pending.innerText();
      const match = /active from epoch (\d+) \(≈/.exec(text);
      expect(match, `pending text names the epoch and date: ${text}`);
      activationEpoch = Number(match[1]);
      expect(activationEpoch > devnet.devnet.state.staking.epoch, 'activation lies in the future');
      await shot(page, 'stake-pending');
    });

    await step('after the devnet advances epochs the position is active and earning', page, async () => {
      while (devnet.devnet.state.staking.epoch < activationEpoch) await advance(stack);
      await advance(stack); // one epoch change with the stake active: rewards arrive
      await open(page, `${base}/stake`, 'My stake');
      const active = page.getByTestId('positions-active');
      await active.locator('tbody tr').first().waitFor();
      await active.getByText('Active', { exact: true }).first().waitFor({ timeout: 30_000 });
      const rewards = await active.locator('td[data-label="Rewards to date"]').first().innerText();
      expect(
        rewards.startsWith('+') && !/^\+0\.00 WAL$/.test(rewards) ? true : /\+0\.\d*[1-9]/.test(rewards),
        `rewards to date are positive: ${rewards}`,
      );
      await shot(page, 'stake-active');
    });

    let proposalTitle = 'Raise the committee to 120 nodes';
    await step('propose a text proposal with a deposit', page, async () => {
      await open(page, `${base}/governance`, 'Governance');
      await page.getByTestId('propose-open').click();
      await page.getByRole('tab', { name: 'Text' }).click();
      proposalTitle = `E2E: raise the committee to 120 nodes (${Date.now()})`;
      await page.getByLabel('Text').fill(`${proposalTitle}\nMore nodes, more capacity.`);
      await page.getByLabel('Deposit (WAL)').fill('1000');
      await confirmTransaction(page, 'propose-review');
      await closeDialog(page);
    });

    await step('vote Yes with stake; the live tally and the vote list show it', page, async () => {
      await open(page, `${base}/governance`, proposalTitle);
      const card = page.locator('li.card').filter({ hasText: proposalTitle });
      await card.getByTestId('vote-open').click();
      await page.locator('dialog[open]').getByRole('radio', { name: 'Yes', exact: true }).check();
      await confirmTransaction(page, 'vote-review');
      await closeDialog(page);
      await shot(page, 'governance');
      await card.getByRole('link', { name: proposalTitle }).click();
      await page.getByTestId('proposal-votes').getByText('Stake').first().waitFor({ timeout: 30_000 });
      await page.getByText('You voted Yes').waitFor({ timeout: 30_000 });
      await shot(page, 'proposal');
    });

    await step('request a withdrawal; the position shows withdrawing with its ETA', page, async () => {
      await open(page, `${base}/stake`, 'My stake');
      await page.getByTestId('positions-active').getByTestId('position-requestWithdraw').first().click();
      await confirmTransaction(page, 'position-review');
      await closeDialog(page);
      await page.reload();
      const withdrawing = page.getByTestId('positions-withdrawing');
      await withdrawing.waitFor({ timeout: 60_000 });
      const text = await withdrawing.innerText();
      expect(/withdrawable from epoch \d+ \(≈/.test(text), `the ETA is shown: ${text.slice(0, 200)}`);
      await shot(page, 'stake-withdrawing');
    });

    await step('withdraw once withdrawable; the position stays in the history', page, async () => {
      for (let i = 0; i < 3; i++) {
        await advance(stack);
        await open(page, `${base}/stake`, 'My stake');
        if (await page.getByTestId('positions-withdrawable').isVisible()) break;
      }
      const withdrawable = page.getByTestId('positions-withdrawable');
      await withdrawable.waitFor({ timeout: 30_000 });
      await withdrawable.getByTestId('position-withdraw').first().click();
      await confirmTransaction(page, 'position-review');
      await closeDialog(page);
      await page.reload();
      await page.getByTestId('positions-history').getByText('Withdrawn').first().waitFor({ timeout: 60_000 });
      const csv = await (await fetch(`${base}/api/v1/accounts/${wallet.address}/rewards?format=csv`)).text();
      expect(csv.split('\n').length > 2, 'the rewards CSV has rows');
      await shot(page, 'stake-history');
    });

    await step('operator collects commission and schedules a change', page, async () => {
      await open(page, `${base}/operator`, 'Operator console');
      const card = page.locator('section.card').filter({ hasText: 'E2E Operator Node' });
      await card.waitFor({ timeout: 60_000 });
      const accrued = await card.getByTestId('commission-accrued').innerText();
      expect(!/\b0\.00 WAL/.test(accrued), `commission has accrued: ${accrued}`);
      await card.getByTestId('operator-collect').click();
      await confirmTransaction(page, 'operator-review');
      await closeDialog(page);
      await card.getByTestId('operator-commission').click();
      await page.getByLabel('New commission (%)').fill('12.5');
      await confirmTransaction(page, 'operator-review');
      await closeDialog(page);
      await card.getByText('→ 12.5% from epoch').first().waitFor({ timeout: 30_000 });
      await shot(page, 'operator');
    });

    await step('epochs, an epoch, and storage render', page, async () => {
      await open(page, `${base}/epochs`, 'Epochs');
      await page.getByTestId('epochs-table').locator('tbody tr').first().waitFor();
      await shot(page, 'epochs');
      await open(page, `${base}/epochs/${devnet.devnet.state.staking.epoch}`, 'Timeline');
      await page.getByTestId('epoch-committee').locator('tbody tr').first().waitFor();
      await shot(page, 'epoch');
      await open(page, `${base}/storage`, 'Fees paid by epoch');
      await shot(page, 'storage');
    });

    await step('the API answers bad input with 400 and a message', null, async () => {
      const response = await fetch(`${base}/api/v1/accounts/not-an-address/positions`);
      const body = await response.json();
      expect(
        response.status === 400 && /address must be 0x/.test(body.error.message),
        `got ${response.status} ${JSON.stringify(body)}`,
      );
      const unknown = await fetch(`${base}/api/v1/nodes/0x${'9'.repeat(64)}`);
      expect(unknown.status === 404, `unknown node: ${unknown.status}`);
    });

    // --- Phone-sized pass: every page, tables as cards, nothing wider than the screen ---
    const mobile = await launch({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    contexts.push(mobile);
    const phone = mobile.pages()[0] ?? (await mobile.newPage());
    const pages: [string, string, string][] = [
      ['overview', '/', 'Network overview'],
      ['nodes', '/nodes', 'Storage nodes'],
      ['node', `/nodes/${stakeNodeId}`, 'Stake by epoch'],
      ['epochs', '/epochs', 'Epochs'],
      ['epoch', `/epochs/${devnet.devnet.state.staking.epoch}`, 'Timeline'],
      ['stake', `/stake?address=${wallet.address}`, 'Rewards by epoch'],
      ['governance', '/governance', 'Governed parameters'],
      ['operator', `/operator?address=${wallet.address}`, 'E2E Operator Node'],
      ['storage', '/storage', 'Fees paid by epoch'],
    ];
    for (const [name, path, ready] of pages) {
      await step(`mobile: ${name} fits a 390 px screen with tables as cards`, phone, async () => {
        await open(phone, `${base}${path}`, ready);
        await phone.waitForTimeout(300);
        const layout = await phone.evaluate(() => ({
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          tables: document.querySelectorAll('table.table').length,
          cards: Array.from(document.querySelectorAll('table.table thead')).every(
            (head) => getComputedStyle(head).position === 'absolute',
          ),
          labelled: document.querySelectorAll('table.table tbody td[data-label]').length,
        }));
        expect(layout.overflow <= 1, `the page is ${layout.overflow}px wider than the screen`);
        if (layout.tables > 0)
          expect(layout.cards && layout.labelled > 0, 'table headers collapse into labelled cards');
        await shot(phone, `mobile-${name}`);
      });
    }
    await mobile.close();
    await context.close();
  } finally {
    for (const context of contexts) await context.close().catch(() => {});
    await stack.close().catch((error: unknown) => log(`e2e: closing the stack: ${(error as Error).message}`));
  }
}

try {
  await main();
} catch (error) {
  results.push({ name: 'e2e setup', ok: false, error: (error as Error).stack ?? String(error), ms: 0 });
  log(`e2e setup failed: ${(error as Error).stack ?? String(error)}`);
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
for (const r of results.filter((x) => !x.ok)) log(`FAILED ${r.name}: ${r.error}`);
console.log(`E2E_TESTS passed=${passed} failed=${failed}`);
process.exit(failed > 0 ? 1 : 0);
