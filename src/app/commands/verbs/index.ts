// Every chat verb, in the order `help` lists them. To add one: write verbs/<name>.ts with defineVerb(...) (or in
// your own area, e.g. src/app/surveys/command.ts), put its summary/usage keys in your i18n catalogue, and add it to
// this list — see docs/platform-adapters.md, "Chat commands".
import type { CommandVerb } from '../types.js';
import { alertsVerb } from './alerts.js';
import { departedVerb } from './departed.js';
import { digestVerb } from './digest.js';
import { meVerb } from './me.js';
import { contestVerb, deleteVerb, exportVerb, kudosVerb, muteVerb, unmuteVerb } from './personal.js';
import { profileVerb } from './profile.js';
import { riskVerb } from './risk.js';
import { rulesVerb } from './rules.js';
import { teamVerb } from './team.js';
import { answerVerb, commentVerb, surveyVerb } from '../../surveys/command.js';
import { onboardingVerb, planVerb, scorecardVerb, weightsVerb } from '../../performance/commands.js';

export const COMMAND_VERBS: CommandVerb[] = [
  // Everyone
  meVerb,
  answerVerb,
  commentVerb,
  kudosVerb,
  contestVerb,
  exportVerb,
  deleteVerb,
  muteVerb,
  unmuteVerb,
  // Managers and up
  riskVerb,
  teamVerb,
  alertsVerb,
  surveyVerb,
  // HR and admins
  profileVerb,
  digestVerb,
  rulesVerb,
  departedVerb,
  // Scorecards and development plans (issue J)
  scorecardVerb,
  planVerb,
  weightsVerb,
  onboardingVerb,
];
