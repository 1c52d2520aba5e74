// The one place that decides who may see which person and team, and that writes the audit row for what was seen.
// Every use case behind an HTTP route, a CLI verb or a chat command takes an Access; routes and commands never
// query repositories themselves.
import type { Db } from '../../storage/database.js';
import type { Employee, Team, Tenant } from '../../storage/tables/directory.js';
import { findEmployeeByRef, findTeamByRef } from '../../storage/repositories/refs.js';
import { recordAudit } from '../../storage/repositories/audit.js';
import { findTenantById } from '../../storage/repositories/tenants.js';
import { reportsOf, subtreesOf, teamsOfEntities, teamsOfPeople } from '../../storage/repositories/reach.js';
import { ForbiddenError, NotFoundError, notFound } from '../errors.js';
import type { Actor } from './actor.js';
import { peopleReach, refusal, teamReach, type Capability, type PersonPurpose, type TeamPurpose } from './policy.js';

/**
 * Whom a list may show: everyone (`undefined` fields), or the members of `teamIds` plus the people in
 * `employeeIds` (either may be empty). Lists show the people in the caller's charge; their own record is read
 * on its own.
 */
export interface PeopleFilter {
  teamIds?: readonly string[];
  employeeIds?: readonly string[];
  /** People employed by these legal entities (HR of an entity), whatever their team. */
  legalEntities?: readonly string[];
}

export type TenantInfo = Pick<Tenant, 'id' | 'slug' | 'name' | 'locale' | 'timezone'>;

export interface AuditSubject {
  type: 'employee' | 'team' | 'tenant' | 'risk_rule_set' | 'alert' | 'scorecard_weights' | 'development_plan';
  id?: string;
}

export class Access {
  #tenant?: Promise<TenantInfo>;
  #area?: Promise<ReadonlySet<string> | null>;
  #grantTeams?: Promise<ReadonlySet<string> | null>;
  #reports?: Promise<ReadonlySet<string>>;
  #ownTeams?: Promise<ReadonlySet<string>>;

  constructor(
    readonly db: Db,
    readonly actor: Actor,
  ) {}

  get tenantId(): string {
    return this.actor.tenantId;
  }

  can(capability: Capability): boolean {
    return refusal(this.actor, capability) === null;
  }

  /** Throws 403 unless the actor's role allows the capability at all. */
  require(capability: Capability): void {
    const reason = refusal(this.actor, capability);
    if (reason !== null) throw new ForbiddenError(reason);
  }

  tenant(): Promise<TenantInfo> {
    this.#tenant ??= findTenantById(this.db, this.tenantId).then((t) => {
      if (!t) throw new NotFoundError('the tenant of this caller no longer exists');
      return { id: t.id, slug: t.slug, name: t.name, locale: t.locale, timezone: t.timezone };
    });
    return this.#tenant;
  }

  /** The legal entities the actor is limited to (empty: none). */
  get entities(): readonly string[] {
    return this.actor.entities ?? [];
  }

  /** Every team in the actor's granted sub-trees; null when the actor is not limited. */
  grantTeams(): Promise<ReadonlySet<string> | null> {
    const roots = this.actor.teams;
    this.#grantTeams ??= roots === null ? Promise.resolve(null) : subtreesOf(this.db, this.tenantId, roots).then(toSet);
    return this.#grantTeams;
  }

  /**
   * Every team the actor covers: the granted sub-trees plus the teams of their legal entities (and the sub-trees
   * below those); null when the actor is not limited. People are reached differently (see maySeePerson): by team
   * sub-tree or by their own legal entity, so an entity-B person in an entity-A team stays out of A's HR's reach.
   */
  areaTeams(): Promise<ReadonlySet<string> | null> {
    this.#area ??= this.grantTeams().then(async (granted) => {
      if (granted === null) return null;
      const entityRoots = await teamsOfEntities(this.db, this.tenantId, this.entities);
      const entityTeams = await subtreesOf(this.db, this.tenantId, entityRoots);
      return new Set([...granted, ...entityTeams]);
    });
    return this.#area;
  }

  reports(): Promise<ReadonlySet<string>> {
    const me = this.actor.employeeId;
    this.#reports ??= me === null ? Promise.resolve(new Set()) : reportsOf(this.db, this.tenantId, me).then(toSet);
    return this.#reports;
  }

  async maySeePerson(
    person: { id: string; team_id: string | null; legal_entity?: string | null },
    purpose: PersonPurpose,
  ): Promise<boolean> {
    const reach = peopleReach(this.actor, purpose);
    if (reach.self && person.id === this.actor.employeeId) return true;
    if (reach.area === 'tenant') return true;
    if (reach.area === 'teams') {
      if (person.team_id !== null && (await this.grantTeams())?.has(person.team_id)) return true;
      if (person.legal_entity && this.entities.includes(person.legal_entity)) return true;
    }
    return reach.reports && (await this.reports()).has(person.id);
  }

  async maySeeTeam(teamId: string, purpose: TeamPurpose): Promise<boolean> {
    const reach = teamReach(this.actor, purpose);
    if (reach.area === 'tenant') return true;
    if (reach.area === 'teams' && (await this.areaTeams())?.has(teamId)) return true;
    if (!reach.own) return false;
    this.#ownTeams ??= this.reports().then(async (reports) =>
      toSet(await teamsOfPeople(this.db, this.tenantId, [...reports, this.actor.employeeId!])),
    );
    return (await this.#ownTeams).has(teamId);
  }

  /**
   * The person by internal or external id, if the actor may see them for this purpose. Otherwise — missing or out of
   * reach alike — a 404 naming `field`.
   */
  async person(ref: string, purpose: PersonPurpose, field = 'id'): Promise<Employee> {
    const person = await findEmployeeByRef(this.db, this.tenantId, ref);
    if (!person || !(await this.maySeePerson(person, purpose))) throw notFound('employee', ref, field);
    return person;
  }

  /** The team by internal or external id, if within reach for this purpose; else the same 404 as a missing one. */
  async team(ref: string, purpose: TeamPurpose, field = 'id'): Promise<Team> {
    const team = await findTeamByRef(this.db, this.tenantId, ref);
    if (!team || !(await this.maySeeTeam(team.id, purpose))) throw notFound('team', ref, field);
    return team;
  }

  /** Whom a list of people may contain, as a filter for the repositories. */
  async peopleFilter(purpose: PersonPurpose): Promise<PeopleFilter> {
    const reach = peopleReach(this.actor, purpose);
    if (reach.area === 'tenant') return {};
    const teamIds = reach.area === 'teams' ? [...((await this.grantTeams()) ?? [])] : [];
    const employeeIds = reach.reports ? [...(await this.reports())] : [];
    const legalEntities = reach.area === 'teams' ? this.entities : [];
    return { teamIds, employeeIds, ...(legalEntities.length ? { legalEntities } : {}) };
  }

  /** Teams a list of teams may contain; undefined ⇒ all of them. */
  async teamFilter(purpose: TeamPurpose): Promise<readonly string[] | undefined> {
    const reach = teamReach(this.actor, purpose);
    if (reach.area === 'tenant') return undefined;
    const ids = new Set(reach.area === 'teams' ? ((await this.areaTeams()) ?? []) : []);
    if (reach.own) {
      const own = await teamsOfPeople(this.db, this.tenantId, [...(await this.reports()), this.actor.employeeId!]);
      for (const id of own) ids.add(id);
    }
    return [...ids];
  }

  /** Writes one audit row: who (and through which platform) did what to whom. */
  async audit(action: string, subject?: AuditSubject, details: Record<string, unknown> = {}): Promise<void> {
    await recordAudit(this.db, {
      tenantId: this.tenantId,
      actor: this.actor.name,
      action,
      ...(subject ? { subjectType: subject.type, ...(subject.id ? { subjectId: subject.id } : {}) } : {}),
      details: { source: this.actor.source, ...details },
    });
  }
}

const toSet = (ids: readonly string[]): ReadonlySet<string> => new Set(ids);

export const accessFor = (db: Db, actor: Actor): Access => new Access(db, actor);
