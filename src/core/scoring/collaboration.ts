// Collaboration score 0–100 from the scorecard's parts (seed §2: helping, team projects, resource sharing) plus
// kudos received. Each part is its weekly rate against a target (capped at 100); parts without data drop out and
// the remaining weights are renormalised.
import type { CollaborationComponents, RollupMetric } from './types.js';

export const COLLABORATION_PARTS = [
  { key: 'helping', metric: 'helps_given', perWeekTarget: 5, weight: 0.25 },
  { key: 'teamProjects', metric: 'team_projects', perWeekTarget: 3, weight: 0.45 },
  { key: 'resourceSharing', metric: 'resource_shares', perWeekTarget: 2, weight: 0.15 },
  { key: 'kudosReceived', metric: 'kudos_received', perWeekTarget: 2, weight: 0.15 },
] as const satisfies readonly {
  key: keyof CollaborationComponents;
  metric: RollupMetric;
  perWeekTarget: number;
  weight: number;
}[];

export function collaborationScore(rates: Record<RollupMetric, number | null>): {
  score: number | null;
  parts: Omit<CollaborationComponents, 'previous'>;
} {
  const parts = { helping: null, teamProjects: null, resourceSharing: null, kudosReceived: null } as Omit<
    CollaborationComponents,
    'previous'
  >;
  let weighted = 0;
  let weights = 0;
  for (const part of COLLABORATION_PARTS) {
    const rate = rates[part.metric];
    if (rate === null) continue;
    const value = Math.min(100, (100 * rate) / part.perWeekTarget);
    parts[part.key] = Math.round(value);
    weighted += value * part.weight;
    weights += part.weight;
  }
  return { score: weights === 0 ? null : Math.round(weighted / weights), parts };
}
