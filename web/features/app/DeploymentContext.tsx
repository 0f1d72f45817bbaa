'use client';
/** The deployment (package and object IDs, full node URL) the server read, for client components. */
import { createContext, useContext } from 'react';
import type { Deployment } from '@tusk/shared/deployment';

export const DeploymentContext = createContext<Deployment | null>(null);

/** The deployment, or null when the server has none configured (read-only mode). */
export function useDeployment(): Deployment | null {
  return useContext(DeploymentContext);
}
