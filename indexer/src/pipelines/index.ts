/**
 * Every pipeline of the index, in the order the core runs them. Each owns its
 * tables (see each module) and its watermark.
 */
import { commissionPipeline } from './commissionPipeline.ts';
import { deadLettersPipeline } from './deadLettersPipeline.ts';
import { epochsPipeline } from './epochsPipeline.ts';
import { governancePipeline } from './governancePipeline.ts';
import { nodesPipeline } from './nodesPipeline.ts';
import type { Pipeline } from './pipeline.ts';
import { poolsPipeline } from './poolsPipeline.ts';
import { slashingPipeline } from './slashingPipeline.ts';
import { stakingPipeline } from './stakingPipeline.ts';
import { storagePipeline } from './storagePipeline.ts';

export type { Pipeline } from './pipeline.ts';

export const allPipelines: readonly Pipeline<unknown>[] = [
  epochsPipeline,
  nodesPipeline,
  poolsPipeline,
  stakingPipeline,
  commissionPipeline,
  slashingPipeline,
  governancePipeline,
  storagePipeline,
  deadLettersPipeline,
] as Pipeline<unknown>[];
