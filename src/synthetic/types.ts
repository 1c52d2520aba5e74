// The shape of a synthetic organisation: directory rows keyed by external id, plus rollups, edges and coverage.
import type { MetricSums } from '../core/scoring/types.js';

export interface SyntheticTenant {
  slug: string;
  name: string;
  locale: 'zh-CN' | 'en';
  timezone: string;
  /** Holiday region of the tenant's working calendar (null or absent ⇒ working weekdays only). */
  region?: string | null;
}

export interface SyntheticTeam {
  externalId: string;
  name: string;
}

export interface SyntheticEmployee {
  externalId: string;
  displayName: string;
  email: string;
  teamExternalId: string;
  managerExternalId: string | null;
  hireDate: string;
  status: 'active' | 'left';
  /** ISO instant of the departure (tenant-local noon of the last day), when status is 'left'. */
  leftAt: string | null;
}

export interface SyntheticRollup extends MetricSums {
  employeeExternalId: string;
  day: string;
}

export interface SyntheticEdge {
  fromExternalId: string;
  toExternalId: string;
  day: string;
  count: number;
}

export interface SyntheticCoverage {
  source: string;
  signalClass: string;
  day: string;
  events: number;
}

export interface SyntheticRole {
  employeeExternalId: string;
  role: 'employee' | 'manager' | 'hr' | 'admin';
  scopeTeamExternalId: string | null;
}

export interface SyntheticIdentity {
  employeeExternalId: string;
  platform: string;
  platformUserId: string;
}

/** Named people and teams of the scenarios, so tests and the demo can find them. */
export interface SyntheticCases {
  /** The seed's top sales rep (joined ~2 months ago; chat −60%, leave +40%, helps 5/week → 0; manager left). */
  seedCase?: string;
  seedCaseTeam?: string;
  /** The manager who left the seed case's team 3 weeks before endDay. */
  departedManager?: string;
  /** A team whose members all went quiet together (holiday). */
  holidayTeam?: string;
  /** A person with only 3 weeks of data. */
  newJoiner?: string;
  /** An HR person (role hr, tenant-wide). */
  hr?: string;
}

export interface SyntheticOrganisation {
  tenant: SyntheticTenant;
  startDay: string;
  endDay: string;
  teams: SyntheticTeam[];
  employees: SyntheticEmployee[];
  identities: SyntheticIdentity[];
  roles: SyntheticRole[];
  rollups: SyntheticRollup[];
  edges: SyntheticEdge[];
  coverage: SyntheticCoverage[];
  cases: SyntheticCases;
}
