// The one place where inbound handlers are registered, used by the service (main.ts) and by a
// `teampulse console` session that runs without the service — so both dispatch identically.
// Areas add one line each, e.g. the alerts engineer: registerAlertFeedback(dispatcher, deps).
import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database.js';
import { createDispatcher, type DispatcherLogger, type InboundDispatcher } from './dispatch.js';
import { registerAlertFeedback } from '../alerts/feedback.js';
import { registerPlanActions } from '../performance/plans/progress.js';
import { registerCommands } from '../commands/index.js';
import { registerSurveys } from '../surveys/inbound.js';
import { registerDepartureReview } from '../platforms/slack-departures.js';

export interface InboundDeps {
  db: Kysely<Database>;
  now: () => Date;
  logger?: DispatcherLogger;
  /**
   * config.quietHours (TEAMPULSE_QUIET_HOURS), passed in by the composition root: false turns quiet hours off
   * service-wide for messages sent in answer to an interaction (e.g. a survey's next question). Absent ⇒ on.
   */
  quietHours?: boolean;
  /** config.baseUrl: where links in replies point (e.g. the `export` verb's download link). */
  baseUrl?: string;
}

export type InboundRegistration = (dispatcher: InboundDispatcher, deps: InboundDeps) => void;

/** Registrations contributed by other areas (alerts feedback, surveys, commands); add yours here. */
export const INBOUND_REGISTRATIONS: InboundRegistration[] = [
  registerAlertFeedback,
  registerSurveys,
  registerCommands,
  registerPlanActions,
  registerDepartureReview,
];

export function buildInboundDispatcher(
  deps: InboundDeps,
  registrations: readonly InboundRegistration[] = INBOUND_REGISTRATIONS,
): InboundDispatcher {
  const dispatcher = createDispatcher(deps.logger);
  for (const register of registrations) register(dispatcher, deps);
  return dispatcher;
}
