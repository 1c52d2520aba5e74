// A tenant's alert settings, read defensively from tenants.settings JSON (`settings.alerts`, `settings.workingHours`).
import {
  DEFAULT_ALERT_POLICY,
  actionSettingsFrom,
  workingHoursFromSettings,
  type ActionLibrarySettings,
  type AlertPolicySettings,
  type QuietHoursSettings,
  type RiskLevel,
} from '../../core/alerts/index.js';
import type { Tenant } from '../../storage/tables/directory.js';

export interface TenantAlertSettings {
  policy: AlertPolicySettings;
  quietHours: QuietHoursSettings;
  actions: ActionLibrarySettings;
  teamSuggestions: ActionLibrarySettings;
}

const wholeNumber = (value: unknown, fallback: number, min: number, max: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;

export function tenantAlertSettings(tenant: Tenant, serviceQuietHours: boolean): TenantAlertSettings {
  const settings = (tenant.settings ?? {}) as Record<string, unknown>;
  const alerts = (settings.alerts ?? {}) as Record<string, unknown>;
  const minLevel: RiskLevel =
    alerts.minLevel === 'medium' || alerts.minLevel === 'high' ? alerts.minLevel : DEFAULT_ALERT_POLICY.minLevel;
  const { actions, teamSuggestions } = actionSettingsFrom(settings);
  return {
    policy: {
      cooldownDays: wholeNumber(alerts.cooldownDays, DEFAULT_ALERT_POLICY.cooldownDays, 0, 365),
      minLevel,
      worsenPoints: wholeNumber(alerts.worsenPoints, DEFAULT_ALERT_POLICY.worsenPoints, 1, 100),
      snoozeDays: DEFAULT_ALERT_POLICY.snoozeDays,
    },
    quietHours: {
      enabled: serviceQuietHours && tenant.quiet_hours,
      timeZone: tenant.timezone,
      workingHours: workingHoursFromSettings(settings),
    },
    actions,
    teamSuggestions,
  };
}
