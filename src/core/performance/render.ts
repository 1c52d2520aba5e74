// A scorecard as lines of text in the reader's language: each component with its value, weight and where the weight
// came from, the team multiplier, the collaboration total and the score.
import { t, type Locale } from '../i18n/index.js';
import type { ScorecardComponent, ScorecardResult, WeightSource } from './scorecard.js';

export interface ScorecardView extends ScorecardResult {
  employee: { name: string };
  period: string;
  from: string;
  to: string;
  teamGoal: { met: boolean } | null;
  collaboration: { helpsGiven: number; teamProjects: number; resourceShares: number; workingWeeks: number };
}

const pct = (x: number) => Math.round(x * 1000) / 10;

export function weightSourceText(locale: Locale, source: WeightSource): string {
  const version = source.version ?? 0;
  switch (source.level) {
    case 'default':
      return t(locale, 'scorecard.source.default');
    case 'tenant':
      return t(locale, 'scorecard.source.tenant', { version });
    case 'team':
      return t(locale, 'scorecard.source.team', { version, subject: source.subject ?? '' });
    case 'employee':
      return t(locale, 'scorecard.source.employee', { version });
  }
}

const LABEL = {
  individual: 'scorecard.component.individual',
  helping: 'scorecard.component.helping',
  projects: 'scorecard.component.projects',
  resources: 'scorecard.component.resources',
} as const;

function componentLine(locale: Locale, c: ScorecardComponent): string {
  const label = t(locale, LABEL[c.key]);
  const source = weightSourceText(locale, c.source);
  if (c.value === null) return t(locale, 'scorecard.line.missing', { label, weight: pct(c.weight), source });
  const value = c.key === 'individual' ? `${c.value}%` : String(c.value);
  return t(locale, 'scorecard.line', { label, value, weight: pct(c.weight), points: c.points ?? 0, source });
}

export function renderScorecard(locale: Locale, card: ScorecardView): string {
  const individual = card.components.find((c) => c.key === 'individual')!;
  const lines = [
    t(locale, 'scorecard.title', { name: card.employee.name, period: card.period, from: card.from, to: card.to }),
  ];
  for (const c of card.components) lines.push(`  ${componentLine(locale, c)}`);
  const base = {
    base: pct(individual.baseWeight ?? 0),
    // A string: number formatting keeps one decimal and would show 0.95 as 1.
    multiplier: String(individual.multiplier ?? 1),
    weight: pct(individual.weight),
  };
  const multiplierSource = individual.multiplierSource ? weightSourceText(locale, individual.multiplierSource) : '';
  lines.push(
    `  ${
      card.teamGoal === null
        ? t(locale, 'scorecard.multiplier.none', base)
        : t(locale, card.teamGoal.met ? 'scorecard.multiplier.met' : 'scorecard.multiplier.missed', {
            ...base,
            source: multiplierSource,
          })
    }`,
    `  ${t(locale, 'scorecard.collaboration', {
      weight: pct(card.collaborationWeight),
      helps: card.collaboration.helpsGiven,
      projects: card.collaboration.teamProjects,
      shares: card.collaboration.resourceShares,
      weeks: card.collaboration.workingWeeks,
    })}`,
    card.total === null ? t(locale, 'scorecard.total.missing') : t(locale, 'scorecard.total', { total: card.total }),
  );
  return lines.join('\n');
}
