/**
 * The e2e suite (`npm run test:e2e` runs it through `run.ts`): the dashboard in Chromium against the devnet, the
 * indexer and the database, with an injected wallet-standard test wallet.
 * A delegator stakes (amounts like "1,5" refused inline), sees the stake
 * pending, then (the devnet advancing epochs) active with rewards; proposes;
 * requests a withdrawal of one position and votes with the others (the vote
 * dialog leaves out what cannot vote, and says why); requests a withdrawal and
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
import { Transaction } from '@mysten/sui/transactions';
import { FROST_PER_WAL } from '@tusk/shared/protocol';
import { shortId } from '@tusk/shared/format';
import { nodeKeys } from '../../devnet/sim/nodeKeys.ts';
import { MIST_PER_SUI } from '../../devnet/sim/gas.ts';
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

/**
 * The review's fee is the simulation's real gas, to the MIST: the SUI figure
 * equals computation + storage − rebate as the review itemizes it, never a
 * rounded "0.0000 SUI".
 */
async function expectExactFee(page: Page): Promise<void> {
  const fee = await page.getByTestId('tx-fee').innerText();
  const match =
    /^(−?)([\d,]+)(?:\.(\d{1,9}))? SUI\s+\(computation ([\d,]+) \+ storage ([\d,]+) − rebate\s+([\d,]+) MIST/.exec(fee);
  expect(match, `the fee is exact SUI with its breakdown: ${fee}`);
  const mist =
    (BigInt(match[2]!.replaceAll(',', '')) * MIST_PER_SUI + BigInt((match[3] ?? '').padEnd(9, '0'))) *
    (match[1] ? -1n : 1n);
  const [computation, storage, rebate] = [match[4], match[5], match[6]].map((n) => BigInt(n!.replaceAll(',', '')));
  expect(mist === computation! + storage! - rebate! && mist !== 0n, `the fee ${fee} is computation + storage − rebate`);
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
  await expectExactFee(page);
  if (await page.getByTestId('tx-blocked').isVisible())
    throw new Error(`signing refused: ${await page.getByTestId('tx-blocked').innerText()}`);
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

    await step('the injected test wallet connects; the devnet also offers the burner wallet', page, async () => {
      await page.getByTestId('wallet-button').click();
      // A newcomer without a wallet extension gets dApp Kit's burner wallet on a local network (README).
      await page.getByRole('button', { name: 'Unsafe Burner Wallet' }).waitFor();
      await page.getByRole('button', { name: TEST_WALLET_NAME }).click();
      await page
        .getByTestId('wallet-button')
        .filter({ hasText: wallet.address.slice(2, 6) })
        .waitFor();
    });

    const committee = await (await fetch(`${base}/api/v1/nodes?status=committee&sort=stake&limit=1`)).json();
    const stakeNodeId: string = committee.rows[0].nodeId;
    let activationEpoch = 0;

    await step(
      'the stake review shows the node by name and ID and the exact amount, before signing',
      page,
      async () => {
        const { node } = await (await fetch(`${base}/api/v1/nodes/${stakeNodeId}`)).json();
        const signed = wallet.signed;
        await open(page, `${base}/nodes/${stakeNodeId}`, 'Stake by epoch');
        await page.getByTestId('stake-open').click();
        const dialog = page.locator('dialog[open]');
        // Where the stake is chosen: the node ID beside the name, in full on hover.
        await dialog.getByTestId('stake-node-chosen').locator(`[data-id="${stakeNodeId}"]`).waitFor();
        await page.getByLabel('Amount (WAL)').fill('1.005');
        await dialog.getByTestId('stake-review').click();
        await dialog.getByTestId('tx-review').or(dialog.getByTestId('tx-failed')).first().waitFor({ timeout: 60_000 });
        if (await dialog.getByTestId('tx-failed').isVisible())
          throw new Error(`simulation failed: ${await dialog.getByTestId('tx-failed').innerText()}`);
        const amount = await dialog.getByTestId('tx-review-amount').innerText();
        expect(amount === '1.005 WAL', `the amount is exact, not rounded to 1.01: ${amount}`);
        const nodeRow = dialog.getByTestId('tx-review-node');
        const nodeText = await nodeRow.innerText();
        expect(
          nodeText.includes(node.name) && nodeText.includes(shortId(stakeNodeId)),
          `the node is named and identified: ${nodeText}`,
        );
        expect(
          (await nodeRow.locator(`[data-id="${stakeNodeId}"]`).getAttribute('title')) === stakeNodeId,
          'the full node ID is on hover',
        );
        // The WAL change, exact: from the node's balance changes, or (the devnet reports none for
        // coins other than gas) from the StakeDeposited event, which the review then says.
        const wal =
          (await dialog.getByTestId('tx-balance-WAL').count()) > 0
            ? await dialog.getByTestId('tx-balance-WAL').innerText()
            : await dialog.getByTestId('tx-notes').innerText();
        expect(
          wal === '−1.005 WAL' || wal.includes('no WAL balance change; the −1.005 WAL is checked'),
          `the WAL change is exact: ${wal}`,
        );
        const created = await dialog.getByTestId('tx-created').innerText();
        expect(created.includes('StakedWal'), `the new StakedWal is listed with its ID: ${created}`);
        const sender = await dialog.getByTestId('tx-review-sender').locator('[data-id]').getAttribute('data-id');
        expect(sender === wallet.address, `the signer is the wallet: ${sender}`);
        await expectExactFee(page);
        expect(!(await dialog.getByTestId('tx-blocked').isVisible()), 'signing is allowed on the right chain');
        expect(await dialog.getByTestId('tx-submit').isEnabled(), 'the sign button is enabled');
        await shot(page, 'stake-review');
        await closeDialog(page);
        expect(wallet.signed === signed, 'nothing was signed by reviewing');
      },
    );

    await step('stake 200 WAL: simulate with fee, sign, confirmed with digest', page, async () => {
      await open(page, `${base}/nodes/${stakeNodeId}`, 'Stake by epoch');
      await page.locator('.recharts-surface').first().waitFor();
      await shot(page, 'node');
      await page.getByTestId('stake-open').click();
      await page.getByLabel('Amount (WAL)').fill('0.5');
      await page.getByTestId('stake-amount-error').getByText('stake must be at least 1 WAL (got 0.5)').waitFor();
      expect(await page.getByTestId('stake-review').isDisabled(), 'Review stake is disabled below the minimum');
      // "1,5" must never become 15 WAL: refused as typed, the button stays disabled.
      await page.getByLabel('Amount (WAL)').fill('1,5');
      await page
        .getByTestId('stake-amount-error')
        .getByText('stake must use a dot for decimals: "1.5", not "1,5"')
        .waitFor();
      expect(await page.getByTestId('stake-review').isDisabled(), 'Review stake is disabled for "1,5"');
      await page.getByLabel('Amount (WAL)').fill('200');
      await page.getByTestId('stake-amount-error').waitFor({ state: 'hidden' });
      await confirmTransaction(page, 'stake-review');
      await closeDialog(page);
    });

    await step('stake "1,000" WAL with a thousands comma: exactly 1000 WAL, a second position', page, async () => {
      await page.getByTestId('stake-open').click();
      await page.getByLabel('Amount (WAL)').fill('1,000');
      await confirmTransaction(page, 'stake-review');
      await closeDialog(page);
      const account = await (await fetch(`${base}/api/v1/accounts/${wallet.address}/positions`)).json();
      const principals = account.positions.map((p: { principal: string }) => BigInt(p.principal));
      expect(
        principals.includes(1000n * WAL) && principals.includes(200n * WAL),
        `positions of 200 and 1000 WAL: ${principals.join(', ')}`,
      );
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

    await step('request-withdrawal refuses "1,5" inline; the whole 1,000 WAL position is requested', page, async () => {
      await open(page, `${base}/stake`, 'My stake');
      const row = page
        .getByTestId('positions-active')
        .locator('tbody tr')
        .filter({ has: page.locator('td[data-label="Principal"]', { hasText: '1,000.00 WAL' }) });
      await row.getByTestId('position-requestWithdraw').click();
      await page.getByLabel('Amount (WAL)').fill('1,5');
      await page
        .getByTestId('position-amount-error')
        .getByText('withdrawal must use a dot for decimals: "1.5", not "1,5"')
        .waitFor();
      expect(await page.getByTestId('position-review').isDisabled(), 'Review is disabled for "1,5"');
      await page.getByLabel('Amount (WAL)').fill('1,000');
      await confirmTransaction(page, 'position-review');
      await closeDialog(page);
    });

    await step('vote Yes with stake: the withdrawing position is left out and said why', page, async () => {
      await open(page, `${base}/governance`, proposalTitle);
      const card = page.locator('li.card').filter({ hasText: proposalTitle });
      await card.getByTestId('vote-open').click();
      const dialog = page.locator('dialog[open]');
      const excluded = dialog.getByTestId('vote-positions-excluded').locator('li');
      await excluded.first().waitFor();
      const reasons = await excluded.allInnerTexts();
      expect(
        reasons.length === 1 && /1,000\.\d+ WAL: withdrawal requested: no voting power/.test(reasons[0]!),
        `the 1,000 WAL position is left out as withdrawing: ${reasons.join(' | ')}`,
      );
      const eligible = await dialog.getByTestId('vote-positions-eligible').locator('li').allInnerTexts();
      expect(
        eligible.length === 1 && /— 200\.\d+ WAL$/.test(eligible[0]!),
        `only the 200 WAL position votes: ${eligible}`,
      );
      const weight = await dialog.getByTestId('vote-stake-weight').innerText();
      expect(
        /^1 position that can vote, about 200\.\d+ WAL$/.test(weight),
        `the weight is the 200 WAL alone: ${weight}`,
      );
      await dialog.getByRole('radio', { name: 'Yes', exact: true }).check();
      await confirmTransaction(page, 'vote-review');
      await closeDialog(page);
      await shot(page, 'governance');
      await card.getByRole('link', { name: proposalTitle }).click();
      await page.getByTestId('proposal-votes').getByText('Stake').first().waitFor({ timeout: 30_000 });
      await page.getByText('You voted Yes').waitFor({ timeout: 30_000 });
      await shot(page, 'proposal');
    });

    await step('request a partial withdrawal; the part shows withdrawing with its ETA', page, async () => {
      await open(page, `${base}/stake`, 'My stake');
      await page.getByTestId('positions-active').getByTestId('position-requestWithdraw').first().click();
      await page.getByLabel('Amount (WAL)').fill('50');
      await confirmTransaction(page, 'position-review');
      await closeDialog(page);
      await page.reload();
      const withdrawing = page.getByTestId('positions-withdrawing');
      await withdrawing.waitFor({ timeout: 60_000 });
      const text = await withdrawing.innerText();
      expect(/withdrawable from epoch \d+ \(≈/.test(text), `the ETA is shown: ${text.slice(0, 200)}`);
      await shot(page, 'stake-withdrawing');
    });

    await step('no position can vote any more: each says why and Review vote is disabled', page, async () => {
      await open(page, `${base}/governance`, proposalTitle);
      await page.locator('li.card').filter({ hasText: proposalTitle }).getByTestId('vote-open').click();
      const dialog = page.locator('dialog[open]');
      await dialog.getByTestId('vote-no-stake').waitFor();
      const excluded = dialog.getByTestId('vote-positions-excluded').locator('li');
      const kinds = (
        await excluded.evaluateAll((items) => items.map((li) => li.getAttribute('data-exclusion')))
      ).sort();
      // The 1,000 and the 50 WAL withdrawing; the 150 WAL left by the split changed when the proposal was open.
      expect(
        JSON.stringify(kinds) === JSON.stringify(['changedDuringProposal', 'withdrawing', 'withdrawing']),
        `three positions left out, for the right reasons: ${kinds.join(', ')}`,
      );
      const changed = await excluded.filter({ hasText: 'cannot vote on it' }).innerText();
      expect(
        /(split or merged|split off) in epoch \d+, when the proposal opened: cannot vote on it/.test(changed),
        changed,
      );
      expect(await dialog.getByTestId('vote-review').isDisabled(), 'Review vote is disabled');
      await shot(page, 'vote-no-stake');
      await closeDialog(page);
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

    await step('a position transferred away with a plain transfer leaves the tables and says so', page, async () => {
      const account = (await (await fetch(`${base}/api/v1/accounts/${wallet.address}/positions`)).json()) as {
        positions: { stakedWalId: string; state: string }[];
      };
      const given = account.positions.find((p) => p.state === 'active');
      expect(given !== undefined, 'an active position to give away');
      const tx = new Transaction();
      tx.setSender(wallet.address);
      tx.transferObjects([tx.object(given!.stakedWalId)], `0x${'be'.repeat(32)}`);
      await wallet.signAndExecuteTransaction(await tx.toJSON());
      await open(page, `${base}/stake`, 'My stake');
      const transferred = page.getByTestId('positions-transferred');
      await transferred.waitFor({ timeout: 30_000 });
      const rows = await transferred.locator('tbody tr').allInnerTexts();
      expect(
        rows.length === 1 && rows[0]!.includes(shortId(given!.stakedWalId)),
        `the given position is listed as transferred: ${rows.join(' | ')}`,
      );
      const activeIds = await page
        .getByTestId('positions-active')
        .locator('tbody tr')
        .allInnerTexts()
        .catch(() => []);
      expect(
        !activeIds.some((row) => row.includes(shortId(given!.stakedWalId))),
        'it is no longer among the active positions (no actions on it)',
      );
      await shot(page, 'stake-transferred');
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

    await step(
      'the slash-vote target list names every committee node with its ID; so does the review',
      page,
      async () => {
        await open(page, `${base}/operator`, 'Operator console');
        const card = page.locator('section.card').filter({ hasText: 'E2E Operator Node' });
        await card.getByTestId('operator-slash').click();
        const dialog = page.locator('dialog[open]');
        const options = dialog.getByLabel('Node to slash').locator('option[data-node-id]');
        await options.first().waitFor({ state: 'attached', timeout: 30_000 });
        const listed = await options.evaluateAll((items) =>
          items.map((option) => ({ id: option.getAttribute('data-node-id')!, text: option.textContent ?? '' })),
        );
        const others = (await (await fetch(`${base}/api/v1/nodes?status=committee&limit=1000`)).json()).rows.filter(
          (row: { nodeId: string }) => row.nodeId !== operatorNodeId,
        );
        expect(
          listed.length === others.length && listed.length >= 2,
          `every other committee node is listed: ${listed.length} of ${others.length}`,
        );
        for (const option of listed) {
          const row = others.find((r: { nodeId: string }) => r.nodeId === option.id);
          expect(row, `option ${option.id} is a committee node`);
          expect(
            option.text.startsWith(`${row.name} (${shortId(option.id)})`),
            `the option names the node and its ID: ${option.text}`,
          );
        }
        const target = listed[0]!;
        await dialog.getByLabel('Node to slash').selectOption(target.id);
        await dialog.getByTestId('slash-target-chosen').locator(`[data-id="${target.id}"]`).waitFor();
        await dialog.getByTestId('operator-review').click();
        await dialog.getByTestId('tx-review').or(dialog.getByTestId('tx-failed')).first().waitFor({ timeout: 60_000 });
        if (await dialog.getByTestId('tx-failed').isVisible())
          throw new Error(`simulation failed: ${await dialog.getByTestId('tx-failed').innerText()}`);
        const targetRow = dialog.getByTestId('tx-review-target');
        expect(
          (await targetRow.locator(`[data-id="${target.id}"]`).count()) === 1,
          `the review identifies the target by ID: ${await targetRow.innerText()}`,
        );
        expect((await targetRow.innerText()).includes(target.text.split(' (')[0]!), 'the review names the target');
        await shot(page, 'slash-review');
        await closeDialog(page);
      },
    );

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

    await step('unknown pages and API paths answer 404, writes 405, all API answers JSON', null, async () => {
      const unknownNode = `0x${'9'.repeat(64)}`;
      const status = async (path: string, init?: RequestInit) => {
        const response = await fetch(`${base}${path}`, { redirect: 'manual', ...init });
        const type = response.headers.get('content-type') ?? '';
        return { status: response.status, json: type.includes('application/json') };
      };
      // Pages: a real 404, not a 200 that says "not found".
      for (const path of [`/nodes/${unknownNode}`, '/epochs/4000000000', `/governance/${unknownNode}`])
        expect((await status(path)).status === 404, `${path} answers 404`);
      // The API: the same answer for an unknown node wherever it is asked about.
      for (const path of ['', '/history', '/delegators']) {
        const got = await status(`/api/v1/nodes/${unknownNode}${path}`);
        expect(got.status === 404 && got.json, `/api/v1/nodes/<unknown>${path}: ${JSON.stringify(got)}`);
      }
      const root = await status('/api/v1');
      expect(root.status === 200 && root.json, `/api/v1 lists the endpoints: ${JSON.stringify(root)}`);
      const write = await status('/api/v1/nodes', { method: 'POST' });
      expect(write.status === 405 && write.json, `POST /api/v1/nodes: ${JSON.stringify(write)}`);
      const nowhere = await status('/api/v1/nowhere');
      expect(nowhere.status === 404 && nowhere.json, `/api/v1/nowhere: ${JSON.stringify(nowhere)}`);
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
