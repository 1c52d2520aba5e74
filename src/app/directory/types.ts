// Inputs and results of the directory use-cases, shared by the HTTP routes and the CLI import.
import type { EmployeeStatus } from '../../storage/tables/directory.js';
import { InvalidInputError } from '../errors.js';

/** Chat platforms whose user ids HR may push with an employee (the console platform manages its own). */
export const IDENTITY_PLATFORMS = ['slack', 'dingtalk', 'wecom'] as const;
export type IdentityPlatform = (typeof IDENTITY_PLATFORMS)[number];

/**
 * A team by external id. Omitted fields keep their current value (`name` defaults to the external id when the
 * team is new); `parent: null` makes it a root team.
 */
export interface TeamInput {
  externalId: string;
  name?: string;
  /** External id of the parent team (defined earlier, later in the same batch, or already stored). */
  parent?: string | null;
  /** The legal entity (法人主体) the team belongs to; `null` clears it. */
  legalEntity?: string | null;
}

/**
 * An employee by external id. Omitted fields keep their current value on an existing employee; `null` clears.
 * `team` and `manager` are external ids. An identity set to a string replaces this employee's identities on that
 * platform; `null` removes them; an omitted platform is left alone.
 */
export interface EmployeeInput {
  externalId: string;
  name: string;
  email?: string | null;
  team?: string | null;
  manager?: string | null;
  /** 'YYYY-MM-DD' */
  hireDate?: string | null;
  status?: EmployeeStatus;
  /** 'YYYY-MM-DD' or an ISO 8601 date-time; implies status "left". */
  leftAt?: string | null;
  identities?: Partial<Record<IdentityPlatform, string | null>>;
  /** The legal entity (法人主体) employing the person; HR of one entity never reaches another's. `null` clears. */
  legalEntity?: string | null;
}

export interface DirectoryBatch {
  teams?: readonly TeamInput[];
  employees?: readonly EmployeeInput[];
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface EmployeeUpsertCounts extends UpsertCounts {
  /** Employees of the batch not written because they were erased (tombstoned); present when some were. */
  skippedErased?: number;
}

export interface DirectoryUpsertResult {
  teams: UpsertCounts;
  employees: EmployeeUpsertCounts;
}

/** One problem with one item of a batch; callers turn it into a JSON path or a CSV line number. */
export interface DirectoryIssue {
  collection: 'teams' | 'employees';
  index: number;
  field: string;
  message: string;
}

/** The batch was rejected as a whole; nothing was written. */
export class DirectoryInputError extends InvalidInputError {
  constructor(readonly issues: DirectoryIssue[]) {
    super(
      `${issues.length} invalid item${issues.length === 1 ? '' : 's'} in the batch; nothing was written`,
      issues.map((i) => ({ path: `/${i.collection}/${i.index}/${i.field}`, message: i.message })),
    );
  }
}
