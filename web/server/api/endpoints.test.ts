import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@tusk/shared/db/database';
import { testDatabaseKinds } from '@tusk/shared/db/testing';
import { ALICE, CURRENT_EPOCH, NODES, POSITIONS, PROPOSALS, seedScenario } from '../testing/scenario.ts';
import { endpoints, type EndpointName } from './endpoints.ts';
import { errorResponse } from './respond.ts';

for (const kind of testDatabaseKinds()) {
  describe(`/api/v1 on ${kind.name}`, () => {
    let open: OpenDatabase;
    beforeAll(async () => {
      open = await kind.open();
      await seedScenario(open.db);
    });
    afterAll(async () => open?.close());

    async function call(name: EndpointName, query = '', params: Record<string, string> = {}) {
      let response: Response;
      try {
        response = await endpoints[name]({ db: open.db, url: new URL(`http://tusk.test/api/v1/x${query}`), params });
      } catch (error) {
        response = errorResponse(error);
      }
      const text = await response.text();
      const body = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
      return { status: response.status, body, headers: response.headers };
    }

    it('serves the node list with amounts as decimal strings', async () => {
      const { status, body } = await call('nodes', '?sort=stake&order=desc&limit=2');
      expect(status).toBe(200);
      expect(body.rows).toHaveLength(2);
      expect(body.total).toBe(6);
      expect(typeof body.rows[0].stake).toBe('string');
      expect(BigInt(body.rows[0].stake)).toBeGreaterThan(BigInt(body.rows[1].stake));
      expect(body.rows[0]).toMatchObject({ inActiveSet: true, activeSetJoinedEpoch: 0 });
      expect(body.sort).toBe('stake');
    });

    it('shuffles by default and says which seed it used', async () => {
      const { body } = await call('nodes');
      expect(body.sort).toBe('shuffle');
      expect(body.seed).toBe('tusk');
    });

    it('serves every read endpoint for known IDs', async () => {
      const ok = async (name: EndpointName, query = '', params: Record<string, string> = {}) => {
        const result = await call(name, query, params);
        expect(result.status, `${name} ${JSON.stringify(result.body).slice(0, 200)}`).toBe(200);
        return result.body;
      };
      expect((await ok('overview')).current.epoch).toBe(CURRENT_EPOCH);
      expect((await ok('status')).epoch).toBe(CURRENT_EPOCH);
      expect((await ok('node', '', { nodeId: NODES.a })).node.name).toBe('Node A');
      expect((await ok('nodeHistory', '?limit=2', { nodeId: NODES.a })).rows).toHaveLength(2);
      expect((await ok('nodeDelegators', '', { nodeId: NODES.a })).rows).toHaveLength(2);
      expect((await ok('epochs', '?limit=2')).rows).toHaveLength(2);
      expect((await ok('epoch', '', { epoch: '3' })).epoch.epoch).toBe(3);
      expect((await ok('accountPositions', '', { address: ALICE })).positions).toHaveLength(6);
      expect((await ok('accountEvents', '?limit=3', { address: ALICE })).rows).toHaveLength(3);
      expect((await ok('accountRewards', '', { address: ALICE })).rows.length).toBeGreaterThan(0);
      expect((await ok('proposals', '?status=open')).rows).toHaveLength(1);
      expect((await ok('proposal', '', { proposalId: PROPOSALS.open })).votes).toHaveLength(3);
      expect((await ok('votes', `?voters=${POSITIONS.active},${NODES.a}`)).votes).toHaveLength(3);
      expect((await ok('operator', `?nodeIds=${NODES.a}`)).nodes).toHaveLength(1);
      expect((await ok('storage')).blobs.certified).toBe(1);
      expect((await ok('blobs', '?state=certified')).total).toBe(1);
    });

    it('exports rewards as CSV', async () => {
      const { status, body, headers } = await call('accountRewards', '?format=csv', { address: ALICE });
      expect(status).toBe(200);
      expect(headers.get('content-type')).toContain('text/csv');
      expect(headers.get('content-disposition')).toContain('attachment');
      expect(body.split('\n')[0]).toContain('epoch,date_utc');
    });

    it('accepts short addresses and normalizes them', async () => {
      const { status, body } = await call('accountPositions', '', { address: '0xa11ce' });
      expect(status).toBe(200);
      expect(body.owner).toBe(ALICE);
    });

    const bad: [string, EndpointName, string, Record<string, string>, RegExp][] = [
      [
        'a malformed address',
        'accountPositions',
        '',
        { address: 'alice' },
        /address must be 0x followed by 1 to 64 hex digits \(got "alice"\)/,
      ],
      ['an over-long address', 'accountPositions', '', { address: `0x${'1'.repeat(65)}` }, /address must be 0x/],
      ['an injection string as a node ID', 'node', '', { nodeId: "0x1' OR '1'='1" }, /node ID must be 0x/],
      [
        'an injection string as a proposal ID',
        'proposal',
        '',
        { proposalId: '1;DROP TABLE proposals' },
        /proposal ID must be 0x/,
      ],
      ['a negative limit', 'nodes', '?limit=-5', {}, /limit must be at least 1 \(got -5\)/],
      ['a huge limit', 'nodes', '?limit=99999999999999999999', {}, /limit must be at most 1000/],
      ['a fractional offset', 'nodes', '?offset=1.5', {}, /offset must be a whole number/],
      ['a negative epoch', 'epoch', '', { epoch: '-1' }, /epoch must be at least 0/],
      ['an epoch past u32', 'epoch', '', { epoch: '4294967296' }, /epoch must be at most 4294967295/],
      ['a non-numeric epoch', 'epoch', '', { epoch: '3 OR 1=1' }, /epoch must be a whole number/],
      ['an unknown sort', 'nodes', '?sort=stake;drop', {}, /sort must be one of shuffle, stake/],
      ['an unknown query parameter', 'nodes', '?sortt=stake', {}, /unknown query parameter "sortt"/],
      ['a repeated query parameter', 'nodes', '?limit=1&limit=2', {}, /limit is given more than once/],
      ['a too-long search', 'nodes', `?q=${'x'.repeat(101)}`, {}, /q must be at most 100 characters/],
      ['control characters in a search', 'nodes', '?q=%00abc', {}, /must not contain control characters/],
      ['a bad seed', 'nodes', "?seed=a'b", {}, /seed must be/],
      ['a blob ID beyond u256', 'blobs', `?q=${'9'.repeat(78)}`, {}, /q must be a blob ID/],
      ['a bad blob search', 'blobs', '?q=<script>', {}, /q must be a blob ID/],
      ['an operator query without nodes or address', 'operator', '', {}, /give nodeIds/],
      [
        'too many node IDs',
        'operator',
        `?nodeIds=${Array.from({ length: 51 }, (_, i) => `0x${i + 1}`).join(',')}`,
        {},
        /at most 50 IDs/,
      ],
      ['a bad ID among voters', 'votes', '?voters=0x1,zzz', {}, /voters must be 0x/],
      [
        'an unknown rewards format',
        'accountRewards',
        '?format=xml',
        { address: ALICE },
        /format must be one of json, csv/,
      ],
    ];
    for (const [what, name, query, params, message] of bad) {
      it(`answers 400 with a message for ${what}`, async () => {
        const { status, body } = await call(name, query, params);
        expect(status).toBe(400);
        expect(body.error.message).toMatch(message);
      });
    }

    it('answers 404 with a message for unknown IDs', async () => {
      const unknown = `0x${'9'.repeat(64)}`;
      for (const [name, params] of [
        ['node', { nodeId: unknown }],
        ['nodeHistory', { nodeId: unknown }],
        ['nodeDelegators', { nodeId: unknown }],
        ['proposal', { proposalId: unknown }],
        ['epoch', { epoch: '999' }],
      ] as const) {
        const { status, body } = await call(name, '', params);
        expect(status, name).toBe(404);
        expect(body.error.message).toMatch(/no storage node|no proposal|has not been indexed/);
      }
    });

    it('treats a search string as text, never as SQL', async () => {
      const { status, body } = await call('nodes', `?q=${encodeURIComponent("x' OR 1=1; DROP TABLE nodes; --")}`);
      expect(status).toBe(200);
      expect(body.rows).toHaveLength(0);
      expect((await call('nodes')).body.total).toBe(6);
    });

    it('returns empty results, not errors, for an address with no history', async () => {
      const { status, body } = await call('accountPositions', '', { address: '0x42' });
      expect(status).toBe(200);
      expect(body.positions).toEqual([]);
    });
  });
}
