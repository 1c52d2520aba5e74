// The exit, accuracy and onboarding reports as text in the reader's language (the tenant's locale): the same figures as their
// JSON, worded from the i18n catalogue. Reason codes show their label; a tenant's own code without one shows as is.
import { hasMessage, t, type Locale } from '../../core/i18n/index.js';
import type { AccuracyReport } from './accuracy.js';
import type { ExitReport } from './exits.js';
import type { OnboardingReport } from './onboarding-report.js';

const pct = (locale: Locale, x: number | null) => (x === null ? t(locale, 'report.na') : `${Math.round(x * 100)}%`);

function reasonLabel(locale: Locale, code: string): string {
  const key = `exit.reason.${code}`;
  return hasMessage(key) ? t(locale, key) : code;
}

function reasonCounts(locale: Locale, counts: Record<string, number>): string {
  const list = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([code, count]) => t(locale, 'report.exits.reasonCount', { reason: reasonLabel(locale, code), count }));
  return list.length > 0 ? list.join(locale === 'zh-CN' ? '，' : ', ') : t(locale, 'report.none');
}

export function exitReportText(report: ExitReport, locale: Locale): string {
  const span =
    report.from || report.to ? t(locale, 'report.span', { from: report.from ?? '…', to: report.to ?? '…' }) : '';
  const lines = [
    t(locale, 'report.exits.title', { span, leavers: report.leavers.length, flagged: report.flagged }),
    '',
    t(locale, 'report.exits.reasons', { list: reasonCounts(locale, report.byReason) }),
  ];
  if (report.groups.length > 0) {
    lines.push('', t(locale, 'report.exits.groups', { unit: t(locale, `report.unit.${report.by}`) }));
    for (const g of report.groups)
      lines.push(
        `  ${t(locale, 'report.exits.group', {
          period: g.period,
          team: g.team ?? t(locale, 'report.exits.noTeamGroup'),
          total: g.total,
          reasons: reasonCounts(locale, g.reasons),
        })}`,
      );
  }
  if (report.leavers.length > 0) {
    lines.push('', t(locale, 'report.exits.leavers'));
    for (const l of report.leavers)
      lines.push(
        `  ${t(locale, 'report.exits.leaver', {
          day: l.leftOn,
          name: l.name,
          employee: l.employee,
          team: l.team ?? t(locale, 'report.exits.noTeam'),
          reason: reasonLabel(locale, l.reason),
          flag: l.flagged
            ? t(locale, 'report.exits.flagged', { days: l.leadDays, on: l.flaggedOn })
            : t(locale, 'report.exits.notFlagged'),
          note: l.note ? t(locale, 'report.exits.note', { note: l.note }) : '',
        })}`,
      );
  }
  return lines.join('\n');
}

export function accuracyReportText(r: AccuracyReport, locale: Locale): string {
  const lines = [
    t(locale, 'report.accuracy.title', {
      asOf: r.asOf,
      from: r.from,
      to: r.to,
      version: r.ruleVersion,
      scored: r.people.scored,
      leavers: r.people.leavers,
    }),
    '',
  ];
  for (const h of r.horizons)
    lines.push(
      `  ${t(locale, 'report.accuracy.horizon', {
        days: h.horizonDays,
        precision: pct(locale, h.precision),
        tp: h.truePositives,
        alerts: h.truePositives + h.falsePositives,
        pending: h.pending,
        recall: pct(locale, h.recall),
        caught: h.caught,
        leavers: h.leavers,
      })}`,
    );
  const lead = r.leadTimeDays;
  lines.push(
    '',
    lead.caught > 0
      ? t(locale, 'report.accuracy.lead', { median: lead.median, mean: lead.mean, caught: lead.caught })
      : t(locale, 'report.accuracy.noLead'),
    t(locale, 'report.accuracy.feedback', { count: r.notAccurateFeedback }),
    '',
    t(locale, 'report.accuracy.rules'),
  );
  for (const rule of r.rules.slice(0, 8))
    lines.push(
      `  ${t(locale, 'report.accuracy.rule', {
        rule: rule.rule,
        leavers: pct(locale, rule.leaverShare),
        stayers: pct(locale, rule.stayerShare),
      })}`,
    );
  if (r.rules.length === 0) lines.push(`  ${t(locale, 'report.accuracy.noRules')}`);
  const s = r.suggestion;
  const best = s.candidates.find((c) => c.high === s.suggested);
  lines.push(
    '',
    s.changed
      ? t(locale, 'report.accuracy.suggested', {
          current: s.current,
          suggested: s.suggested,
          days: s.horizonDays,
          precision: pct(locale, best?.precision ?? null),
          recall: pct(locale, best?.recall ?? null),
        }) +
          (r.accepted !== null
            ? t(locale, 'report.accuracy.accepted', { version: r.accepted })
            : t(locale, 'report.accuracy.acceptHint'))
      : t(locale, 'report.accuracy.keep', { current: s.current, days: s.horizonDays }),
  );
  return lines.join('\n');
}

export function onboardingReportText(r: OnboardingReport, locale: Locale): string {
  const min = r.minRespondents;
  const lines = [
    t(locale, 'report.onboarding.title', { span: t(locale, 'report.span', { from: r.from, to: r.to }), min }),
  ];
  for (const p of r.pulses) {
    const answered =
      p.answeredOf > 0
        ? t(locale, 'report.onboarding.answered', { answered: p.answered, of: p.answeredOf })
        : t(locale, 'report.onboarding.answeredHidden', { min });
    lines.push('', t(locale, 'report.onboarding.pulse', { day: p.day, sent: p.sent, answered }));
    for (const q of p.questions)
      lines.push(
        `  ${
          q.average === null
            ? t(locale, 'report.onboarding.questionHidden', { text: q.text[locale], min })
            : t(locale, 'report.onboarding.question', {
                text: q.text[locale],
                average: q.average,
                count: q.respondents,
              })
        }`,
      );
    if (p.suppressedMonths > 0)
      lines.push(`  ${t(locale, 'report.onboarding.suppressedMonths', { count: p.suppressedMonths, min })}`);
  }
  return lines.join('\n');
}
