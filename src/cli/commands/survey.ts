// `teampulse survey …`: the question bank (questions, question add|edit|retire), settings, a round now (send),
// closing open rounds early (close) and group results (results). Thin: src/app/surveys checks, writes and audits.
import { Option, type Command } from 'commander';
import { asOperator, output, withOperator, type CliIo } from '../context.js';
import { CliError } from '../errors.js';
import {
  addQuestion,
  closeOpenRounds,
  editQuestion,
  listQuestions,
  retireQuestion,
  startRound,
  surveyResults,
  surveySettings,
  updateSurveySettings,
  type QuestionView,
  type SurveyResults,
} from '../../app/surveys/index.js';
import type { Locale } from '../../core/i18n/index.js';

const questionLine = (q: QuestionView) =>
  `${q.key.padEnd(16)} ${q.driver.padEnd(13)} ${q.scale === 'nps11' ? '0–10' : '1–5 '} ${q.retired ? '(retired) ' : ''}${q.text}`;

function resultsText(results: SurveyResults): string {
  const lines: string[] = [];
  if (!results.round) lines.push('no survey round has closed yet');
  else lines.push(`round ${results.round.openedOn} … ${results.round.closesOn}`);
  for (const group of results.round ? results.groups : []) {
    lines.push(
      `${group.name}${group.externalId ? ` (${group.externalId})` : ''}: response rate ${group.responseRate.pct ?? '—'}% (${group.responseRate.answered}/${group.responseRate.invited})`,
    );
    for (const d of group.drivers)
      lines.push(
        `  ${d.driver.padEnd(13)} ${d.score === null ? `suppressed: ${d.suppressed?.message ?? 'no answers'}` : String(d.score)}`,
      );
    if (group.comments.shown) for (const c of group.comments.items) lines.push(`  “${c}”`);
    else if (group.comments.suppressed) lines.push(`  ${group.comments.suppressed.message}`);
  }
  if (results.openRound)
    lines.push(
      `open round ${results.openRound.openedOn} … ${results.openRound.closesOn}: response rate so far ${results.openRound.responseRate ?? '—'}%`,
    );
  return lines.join('\n');
}

const localeOption = () =>
  new Option('--locale <locale>', 'zh-CN or en (default: the tenant’s)').choices(['zh-CN', 'en']);

export function registerSurvey(survey: Command, io: CliIo): void {
  registerQuestionBank(survey, io);
  registerRounds(survey, io);
  registerSettings(survey, io);
}

interface QuestionAddOptions {
  tenant: string;
  driver: string;
  zh: string;
  en: string;
  scale?: string;
  json?: boolean;
}

/** `survey questions` and `survey question add|edit|retire`. */
function registerQuestionBank(survey: Command, io: CliIo): void {
  survey
    .command('questions')
    .description('list the question bank')
    .requiredOption('--tenant <slug>', 'tenant')
    .addOption(localeOption())
    .option('--all', 'include retired questions')
    .option('--json', 'print as JSON')
    .action(
      asOperator(io, async ({ access }, opts: { tenant: string; locale?: Locale; all?: boolean; json?: boolean }) => {
        const result = await listQuestions(access, {
          ...(opts.locale ? { locale: opts.locale } : {}),
          includeRetired: opts.all === true,
        });
        output(io, opts.json, result, result.questions.map(questionLine).join('\n'));
      }),
    );

  const question = survey.command('question').description('add, edit or retire a question of the bank');
  question
    .command('add')
    .description('add a question (both languages)')
    .requiredOption('--tenant <slug>', 'tenant')
    .requiredOption(
      '--driver <driver>',
      'team_support, workload, recognition, growth, manager, belonging, future, enps',
    )
    .requiredOption('--zh <text>', 'the question in zh-CN')
    .requiredOption('--en <text>', 'the question in en')
    .option('--scale <scale>', 'agree5 (1–5) or nps11 (0–10)')
    .option('--json', 'print as JSON')
    .action(
      asOperator(io, async ({ access }, opts: QuestionAddOptions) => {
        const q = await addQuestion(access, {
          driver: opts.driver,
          textZh: opts.zh,
          textEn: opts.en,
          ...(opts.scale ? { scale: opts.scale } : {}),
        });
        output(io, opts.json, q, `added ${questionLine(q)}`);
      }),
    );
  question
    .command('edit')
    .description('change the wording of a question')
    .argument('<key>', 'question key (e.g. workload.2) or id')
    .requiredOption('--tenant <slug>', 'tenant')
    .option('--zh <text>', 'new zh-CN text')
    .option('--en <text>', 'new en text')
    .option('--json', 'print as JSON')
    .action(async (key: string, opts: { tenant: string; zh?: string; en?: string; json?: boolean }) => {
      await withOperator(io, opts.tenant, async ({ access }) => {
        const q = await editQuestion(access, key, {
          ...(opts.zh !== undefined ? { textZh: opts.zh } : {}),
          ...(opts.en !== undefined ? { textEn: opts.en } : {}),
        });
        output(io, opts.json, q, `edited ${questionLine(q)}`);
      });
    });
  question
    .command('retire')
    .description('stop asking a question (past results keep it); --restore brings it back')
    .argument('<key>', 'question key or id')
    .requiredOption('--tenant <slug>', 'tenant')
    .option('--restore', 'ask it again')
    .option('--json', 'print as JSON')
    .action(async (key: string, opts: { tenant: string; restore?: boolean; json?: boolean }) => {
      await withOperator(io, opts.tenant, async ({ access }) => {
        const q = await retireQuestion(access, key, opts.restore === true);
        output(io, opts.json, q, `${opts.restore ? 'restored' : 'retired'} ${questionLine(q)}`);
      });
    });
}

/** `survey send|close|results`: a round now, closing open rounds early, group results. */
function registerRounds(survey: Command, io: CliIo): void {
  survey
    .command('send')
    .description('start a round now, outside the cadence (for a launch, a demo or a test)')
    .requiredOption('--tenant <slug>', 'tenant')
    .option('--team <external id>', "only this team's sub-tree")
    .option('--json', 'print as JSON')
    .action(
      asOperator(io, async ({ access, config }, opts: { tenant: string; team?: string; json?: boolean }) => {
        const round = await startRound(access, {
          ...(opts.team ? { team: opts.team } : {}),
          now: new Date(),
          quietHours: config.quietHours,
        });
        output(
          io,
          opts.json,
          round,
          `round ${round.roundId} (${round.mode}): ${round.questions} questions sent to ${round.invited} people; ` +
            `reminder on ${round.reminderOn}, open until ${round.closesOn}`,
        );
      }),
    );

  survey
    .command('close')
    .description('close every open round of the tenant now (results show once a round is closed)')
    .requiredOption('--tenant <slug>', 'tenant')
    .option('--json', 'print as JSON')
    .action(
      asOperator(io, async ({ access }, opts: { tenant: string; json?: boolean }) => {
        const closed = await closeOpenRounds(access, new Date());
        output(io, opts.json, { closed }, `${closed} round(s) closed`);
      }),
    );

  survey
    .command('results')
    .description('group results by team and driver (suppressed cells say why)')
    .requiredOption('--tenant <slug>', 'tenant')
    .option('--team <external id>', "only this team's sub-tree")
    .addOption(localeOption())
    .option('--json', 'print as JSON')
    .action(
      asOperator(io, async ({ access }, opts: { tenant: string; team?: string; locale?: Locale; json?: boolean }) => {
        const results = await surveyResults(access, {
          ...(opts.team ? { team: opts.team } : {}),
          ...(opts.locale ? { locale: opts.locale } : {}),
        });
        output(io, opts.json, results, resultsText(results));
      }),
    );
}

function registerSettings(survey: Command, io: CliIo): void {
  survey
    .command('settings')
    .description('show or change the survey settings (mode, cadence, questions per round, thresholds ≥ 3)')
    .requiredOption('--tenant <slug>', 'tenant')
    .addOption(new Option('--mode <mode>', 'anonymous or confidential').choices(['anonymous', 'confidential']))
    .addOption(
      new Option('--cadence <cadence>', 'weekly, biweekly or monthly').choices(['weekly', 'biweekly', 'monthly']),
    )
    .option('--questions <n>', 'questions per round (1–10)')
    .option('--min-respondents <n>', 'respondents a group needs for scores (≥ 3, default 5)')
    .option('--min-comments <n>', 'commenters a group needs for comments (≥ 3, default 10)')
    .addOption(new Option('--enabled <on|off>', 'scheduled rounds on or off').choices(['on', 'off']))
    .option('--json', 'print as JSON')
    .action(
      async (opts: {
        tenant: string;
        mode?: string;
        cadence?: string;
        questions?: string;
        minRespondents?: string;
        minComments?: string;
        enabled?: 'on' | 'off';
        json?: boolean;
      }) => {
        const int = (value: string | undefined, flag: string) => {
          if (value === undefined) return undefined;
          if (!/^\d+$/.test(value)) throw new CliError(`invalid ${flag} "${value}": a whole number`);
          return Number(value);
        };
        const patch = {
          ...(opts.mode ? { mode: opts.mode } : {}),
          ...(opts.cadence ? { cadence: opts.cadence } : {}),
          ...(opts.questions !== undefined ? { questionsPerRound: int(opts.questions, '--questions')! } : {}),
          ...(opts.minRespondents !== undefined
            ? { minRespondents: int(opts.minRespondents, '--min-respondents')! }
            : {}),
          ...(opts.minComments !== undefined
            ? { minCommentRespondents: int(opts.minComments, '--min-comments')! }
            : {}),
          ...(opts.enabled ? { enabled: opts.enabled === 'on' } : {}),
        };
        await withOperator(io, opts.tenant, async ({ access }) => {
          const settings =
            Object.keys(patch).length > 0 ? await updateSurveySettings(access, patch) : await surveySettings(access);
          output(
            io,
            opts.json,
            settings,
            `${settings.enabled ? 'on' : 'off'}, ${settings.mode}, ${settings.cadence}, ${settings.questionsPerRound} questions per round, ` +
              `scores from ${settings.minRespondents} respondents, comments from ${settings.minCommentRespondents}`,
          );
        });
      },
    );
}
