// Kysely table types for pulse surveys (migrations/0013_surveys.ts). survey_answers and survey_comments have no
// person column by design: see the migration for how answers stay unlinkable.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DateString, Timestamp } from './directory.js';
import type {
  SurveyCadence,
  SurveyDriver,
  SurveyMode,
  SurveyRoundKind,
  SurveyScale,
} from '../../core/surveys/types.js';

export interface SurveyQuestionsTable {
  id: Generated<string>;
  tenant_id: string;
  key: string;
  driver: SurveyDriver;
  scale: SurveyScale;
  text_zh: string;
  text_en: string;
  position: number;
  retired_at: Timestamp | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}
export type SurveyQuestionRow = Selectable<SurveyQuestionsTable>;

export interface SurveySettingsTable {
  tenant_id: string;
  enabled: Generated<boolean>;
  mode: Generated<SurveyMode>;
  cadence: Generated<SurveyCadence>;
  questions_per_round: Generated<number>;
  min_respondents: Generated<number>;
  min_comment_respondents: Generated<number>;
  updated_at: Generated<Timestamp>;
}
export type SurveySettingsRow = Selectable<SurveySettingsTable>;

export interface SurveyRoundsTable {
  id: Generated<string>;
  tenant_id: string;
  kind: SurveyRoundKind;
  team_id: string | null;
  mode: SurveyMode;
  question_ids: ColumnType<string[], string, string>;
  opened_on: DateString;
  reminder_on: DateString;
  closes_on: DateString;
  closed_at: Timestamp | null;
  salt: string | null;
  created_by: string;
  created_at: Generated<Timestamp>;
}
export type SurveyRoundRow = Selectable<SurveyRoundsTable>;

export interface SurveyParticipationTable {
  tenant_id: string;
  round_id: string;
  employee_id: string;
  team_id: string | null;
  answered: Generated<boolean>;
  muted: Generated<boolean>;
  reminded: Generated<boolean>;
}

export interface SurveyPseudonymsTable {
  tenant_id: string;
  employee_id: string;
  pseudonym: Generated<string>;
}

export interface SurveyAnswersTable {
  id: Generated<string>;
  tenant_id: string;
  round_id: string;
  question_id: string;
  team_id: string | null;
  value: number;
  respondent_key: string | null;
  pseudonym: string | null;
}

export interface SurveyCommentsTable {
  id: Generated<string>;
  tenant_id: string;
  round_id: string;
  team_id: string | null;
  text: string;
  respondent_key: string | null;
  pseudonym: string | null;
}
