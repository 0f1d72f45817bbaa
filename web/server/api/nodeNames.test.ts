/**
 * Node names from the chain to the API: the indexer stores each name as it
 * was emitted (a NUL, which PostgreSQL text cannot hold, becomes U+FFFD
 * instead of stopping the pipeline), and the API serves it made safe to print,
 * with a flag on every node whose name duplicates or looks like another's.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@tusk/shared/db/database';
import { nodes } from '@tusk/shared/db/schema';
import { testDatabaseKinds } from '@tusk/shared/db/testing';
import { CheckpointAssembler, event } from '../../../test/scenario/checkpointAssembler.ts';
import { indexCheckpoints, TEST_PACKAGE_ID } from '../../../indexer/src/testing/indexScenario.ts';
import { endpoints, type EndpointName } from './endpoints.ts';
import { errorResponse } from './respond.ts';

const id = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
const NODE = {
  aurora1: id(0xa1),
  auroraL: id(0xa2),
  boreal: id(0xb1),
  borealCopy: id(0xb2),
  bidi: id(0xc1),
  nul: id(0xd1),
  plain: id(0xe1),
  renamed: id(0xf1),
};
const NAMES: Record<keyof typeof NODE, string> = {
  aurora1: 'aurora-1',
  auroraL: 'aurora-l',
  boreal: 'Boreal Storage',
  borealCopy: 'boreal  storage',
  bidi: 'Evil\u202Etoor\u200B',
  nul: 'nul\u0000name',
  plain: 'Cirrus',
  renamed: 'Temporary',
};

/** One checkpoint registering every node, then one renaming `renamed` to a look-alike of `plain`. */
function checkpoints() {
  const cp = new CheckpointAssembler(TEST_PACKAGE_ID, 10n);
  for (const [key, nodeId] of Object.entries(NODE) as [keyof typeof NODE, string][]) {
    cp.transaction([
      event('NodeRegistered', {
        epoch: 0,
        node_id: nodeId,
        operator: id(0x0e),
        name: NAMES[key],
        network_address: `${key}.example:9185`,
        public_key: new Uint8Array(96),
        commission_bps: 500,
      }),
    ]);
  }
  const first = cp.seal();
  cp.transaction([
    event('NodeUpdated', {
      epoch: 0,
      node_id: NODE.renamed,
      name: 'C1rrus',
      network_address: null,
      public_key: null,
      network_public_key: null,
      metadata_url: null,
    }),
  ]);
  return [first, cp.seal()];
}

for (const kind of testDatabaseKinds()) {
  describe(`node names through the indexer and /api/v1 on ${kind.name}`, () => {
    let open: OpenDatabase;
    beforeAll(async () => {
      open = await kind.open();
      await indexCheckpoints(open.db, checkpoints());
    });
    afterAll(async () => open?.close());

    async function call(name: EndpointName, query = '', params: Record<string, string> = {}) {
      let response: Response;
      try {
        response = await endpoints[name]({ db: open.db, url: new URL(`http://tusk.test/api/v1/x${query}`), params });
      } catch (error) {
        response = errorResponse(error);
      }
      return { status: response.status, body: await response.json() };
    }

    async function listed() {
      const { status, body } = await call('nodes', '?sort=name&order=asc&limit=100');
      expect(status).toBe(200);
      return new Map<string, { name: string; nameWarning: string | null; similarNodeIds: string[] }>(
        body.rows.map((row: { nodeId: string }) => [row.nodeId, row]),
      );
    }

    it('stores every name as emitted, with a NUL replaced rather than failing the batch', async () => {
      const rows = await open.db.select({ nodeId: nodes.nodeId, name: nodes.name }).from(nodes);
      const stored = new Map(rows.map((row) => [row.nodeId, row.name]));
      expect(stored.size).toBe(Object.keys(NODE).length);
      expect(stored.get(NODE.bidi)).toBe('Evil\u202Etoor\u200B');
      expect(stored.get(NODE.nul)).toBe('nul\uFFFDname');
      const [renamed] = await open.db.select({ name: nodes.name }).from(nodes).where(eq(nodes.nodeId, NODE.renamed));
      expect(renamed?.name).toBe('C1rrus');
    });

    it('lists names made safe to print: no bidi override, no zero-width character', async () => {
      const rows = await listed();
      expect(rows.get(NODE.bidi)?.name).toBe('Eviltoor');
      expect(rows.get(NODE.bidi)?.nameWarning).toBe('hidden-characters');
      expect(rows.get(NODE.plain)?.name).toBe('Cirrus');
    });

    it('flags duplicates and look-alikes with the other node IDs, and leaves distinct names alone', async () => {
      const rows = await listed();
      expect(rows.get(NODE.boreal)).toMatchObject({ nameWarning: 'duplicate', similarNodeIds: [NODE.borealCopy] });
      expect(rows.get(NODE.borealCopy)).toMatchObject({ nameWarning: 'duplicate', similarNodeIds: [NODE.boreal] });
      expect(rows.get(NODE.aurora1)).toMatchObject({ nameWarning: 'lookalike', similarNodeIds: [NODE.auroraL] });
      expect(rows.get(NODE.auroraL)).toMatchObject({ nameWarning: 'lookalike', similarNodeIds: [NODE.aurora1] });
      // Renamed on chain to pass for "Cirrus": both are flagged.
      expect(rows.get(NODE.renamed)).toMatchObject({ name: 'C1rrus', nameWarning: 'lookalike' });
      expect(rows.get(NODE.plain)).toMatchObject({ nameWarning: 'lookalike', similarNodeIds: [NODE.renamed] });
      expect(rows.get(NODE.nul)).toMatchObject({ nameWarning: null, similarNodeIds: [] });
    });

    it('finds a node by its printed name', async () => {
      const { body } = await call('nodes', '?q=eviltoor');
      expect(body.rows.map((row: { nodeId: string }) => row.nodeId)).toEqual([NODE.bidi]);
    });

    it("serves one node's printed name, raw name and flag", async () => {
      const { status, body } = await call('node', '', { nodeId: NODE.bidi });
      expect(status).toBe(200);
      expect(body.node).toMatchObject({
        name: 'Eviltoor',
        rawName: 'Evil\u202Etoor\u200B',
        nameWarning: 'hidden-characters',
        similarNodeIds: [],
      });
      const lookalike = await call('node', '', { nodeId: NODE.auroraL });
      expect(lookalike.body.node).toMatchObject({ nameWarning: 'lookalike', similarNodeIds: [NODE.aurora1] });
    });

    it('prints names safely where the operator console shows them', async () => {
      const { body } = await call('operator', `?nodeIds=${NODE.bidi}`);
      expect(body.nodes.map((node: { name: string }) => node.name)).toEqual(['Eviltoor']);
    });
  });
}
