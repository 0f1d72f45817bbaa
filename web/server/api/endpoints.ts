/**
 * Every `/api/v1` endpoint as a plain function of (database, URL, path
 * params) -> Response, so tests call them directly against a seeded database
 * and `app/api/v1/**\/route.ts` only binds them to the server's connection.
 * Documented in `web/API.md`.
 */
import { desc } from 'drizzle-orm';
import type { Database } from '@tusk/shared/db/database';
import { watermarks } from '@tusk/shared/db/schema';
import { accountEvents, accountPositions, accountRewards, rewardsCsv } from '../queries/accounts.ts';
import { chainClock } from '../queries/epochClock.ts';
import { epochDetail, listEpochs } from '../queries/epochs.ts';
import { listProposals, proposalDetail, votesBy } from '../queries/governance.ts';
import { listNodes, nodeDelegators, nodeDetail, nodeExists, nodeHistory } from '../queries/nodes.ts';
import { operatorNodes } from '../queries/operator.ts';
import { overview } from '../queries/overview.ts';
import { listBlobs, storageOverview } from '../queries/storage.ts';
import {
  ApiError,
  blobListQuery,
  epochListQuery,
  epochParam,
  historyQuery,
  idParam,
  nodeListQuery,
  operatorQuery,
  pageQuery,
  parseInput,
  parseQuery,
  proposalListQuery,
  rewardsQuery,
  votesQuery,
} from './params.ts';
import { csv, json, jsonOnce } from './respond.ts';
import { z } from 'zod';

export interface EndpointInput {
  db: Database;
  url: URL;
  params: Record<string, string | string[] | undefined>;
}
export type Endpoint = (input: EndpointInput) => Promise<Response>;

const noQuery = z.strictObject({});

function pathParam(params: EndpointInput['params'], name: string): string {
  const value = params[name];
  if (typeof value !== 'string') throw new ApiError(400, `${name} is required in the path`);
  return decodeURIComponent(value);
}

const unknownNode = (nodeId: string) => new ApiError(404, `no storage node ${nodeId} is known to the indexer`);

const id = (input: EndpointInput, name: string, label: string) =>
  parseInput(idParam(label), pathParam(input.params, name));

export const endpoints = {
  async overview({ db, url }) {
    parseQuery(noQuery, url);
    return json(await overview(db));
  },

  async status({ db, url }) {
    parseQuery(noQuery, url);
    const [clock, marks] = await Promise.all([
      chainClock(db),
      db.select().from(watermarks).orderBy(desc(watermarks.checkpoint)),
    ]);
    return json({ epoch: clock?.epoch ?? null, clock, pipelines: marks });
  },

  async nodes({ db, url }) {
    const query = parseQuery(nodeListQuery, url);
    const list = await listNodes(db, {
      sort: query.sort,
      order: query.order,
      status: query.status,
      search: query.q,
      seed: query.seed,
      limit: query.limit,
      offset: query.offset,
    });
    // A page object is cached per query in the snapshot, so its body can be too.
    return jsonOnce(list, () => ({
      ...list,
      limit: query.limit,
      offset: query.offset,
      sort: query.sort,
      seed: query.seed,
    }));
  },

  async node(input) {
    parseQuery(noQuery, input.url);
    const nodeId = id(input, 'nodeId', 'node ID');
    const detail = await nodeDetail(input.db, nodeId);
    if (!detail) throw unknownNode(nodeId);
    return json(detail);
  },

  async nodeHistory(input) {
    const query = parseQuery(historyQuery, input.url);
    const nodeId = id(input, 'nodeId', 'node ID');
    const rows = await nodeHistory(input.db, nodeId, query.limit, query.before);
    if (rows.length === 0 && !(await nodeExists(input.db, nodeId))) throw unknownNode(nodeId);
    return jsonOnce(rows, () => ({ nodeId, rows }));
  },

  async nodeDelegators(input) {
    const query = parseQuery(pageQuery, input.url);
    const nodeId = id(input, 'nodeId', 'node ID');
    const delegators = await nodeDelegators(input.db, nodeId, query.limit, query.offset);
    // An unknown node is a 404 here as on its page and history, not an empty list.
    if (delegators.total === 0 && !(await nodeExists(input.db, nodeId))) throw unknownNode(nodeId);
    return json({ nodeId, ...delegators });
  },

  async epochs({ db, url }) {
    const query = parseQuery(epochListQuery, url);
    return json(await listEpochs(db, query.limit, query.before));
  },

  async epoch(input) {
    parseQuery(noQuery, input.url);
    const epoch = parseInput(epochParam, pathParam(input.params, 'epoch'));
    const detail = await epochDetail(input.db, epoch);
    if (!detail) throw new ApiError(404, `epoch ${epoch} has not been indexed (it may not have started yet)`);
    return json(detail);
  },

  async accountPositions(input) {
    parseQuery(noQuery, input.url);
    return json(await accountPositions(input.db, id(input, 'address', 'address')));
  },

  async accountEvents(input) {
    const query = parseQuery(pageQuery, input.url);
    const owner = id(input, 'address', 'address');
    return json({ owner, ...(await accountEvents(input.db, owner, query.limit, query.offset)) });
  },

  async accountRewards(input) {
    const query = parseQuery(rewardsQuery, input.url);
    const owner = id(input, 'address', 'address');
    const rows = await accountRewards(input.db, owner);
    if (query.format === 'csv') return csv(rewardsCsv(rows), `tusk-rewards-${owner.slice(0, 10)}.csv`);
    return json({ owner, rows });
  },

  async proposals({ db, url }) {
    const query = parseQuery(proposalListQuery, url);
    return json(await listProposals(db, query.status, query.limit, query.offset));
  },

  async proposal(input) {
    parseQuery(noQuery, input.url);
    const proposalId = id(input, 'proposalId', 'proposal ID');
    const detail = await proposalDetail(input.db, proposalId);
    if (!detail) throw new ApiError(404, `no proposal ${proposalId} is known to the indexer`);
    return json(detail);
  },

  async votes({ db, url }) {
    const query = parseQuery(votesQuery, url);
    return json({ votes: await votesBy(db, query.voters) });
  },

  async operator({ db, url }) {
    const query = parseQuery(operatorQuery, url);
    return json(await operatorNodes(db, { nodeIds: query.nodeIds, operator: query.operator }));
  },

  async storage({ db, url }) {
    parseQuery(noQuery, url);
    return json(await storageOverview(db));
  },

  async blobs({ db, url }) {
    const query = parseQuery(blobListQuery, url);
    const clock = await chainClock(db);
    return json({
      ...(await listBlobs(
        db,
        { state: query.state, search: query.q, limit: query.limit, offset: query.offset },
        clock?.epoch ?? 0,
      )),
      limit: query.limit,
      offset: query.offset,
    });
  },
} satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof endpoints;
