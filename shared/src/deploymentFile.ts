/**
 * Reading the deployment from the environment or a file (Node only; the
 * schema itself lives in `deployment.ts`, which browsers import too).
 */
import type { Env } from './env.ts';
import { readFileSync } from 'node:fs';
import { parseDeployment, type Deployment } from './deployment.ts';

/** The file the environment points at: `TUSK_DEPLOYMENT`, else `.data/deployment.json`. */
export const DEFAULT_DEPLOYMENT_FILE = '.data/deployment.json';

export function deploymentFileFromEnv(env: Env = process.env): string {
  return env.TUSK_DEPLOYMENT?.trim() || DEFAULT_DEPLOYMENT_FILE;
}

/**
 * Reads the deployment from `TUSK_DEPLOYMENT_JSON` (inline JSON) or the file
 * `deploymentFileFromEnv()` names. Returns `undefined` when neither exists, and
 * throws with the reason when one exists but is not a valid deployment.
 */
export function loadDeployment(env: Env = process.env): Deployment | undefined {
  const inline = env.TUSK_DEPLOYMENT_JSON?.trim();
  if (inline) return parseDeployment(parseJson(inline, 'TUSK_DEPLOYMENT_JSON'), 'TUSK_DEPLOYMENT_JSON');
  const file = deploymentFileFromEnv(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseDeployment(parseJson(text, file), file);
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
