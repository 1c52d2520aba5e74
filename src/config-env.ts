// Reading environment variables for the configuration: trimmed values (blank is unset), and every problem collected
// so that a misconfigured service names all of them at once instead of one per restart.
export type Env = Record<string, string | undefined>;

export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  read(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      this.problems.push(`${name}: must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return Number(raw);
  }

  onOff(name: string, fallback: boolean): boolean {
    const raw = this.read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['on', 'true', '1', 'yes'].includes(raw)) return true;
    if (['off', 'false', '0', 'no'].includes(raw)) return false;
    this.problems.push(`${name}: must be "on" or "off" (got "${raw}")`);
    return fallback;
  }

  httpUrl(name: string, fallback: string): string {
    const value = this.read(name) ?? fallback;
    try {
      if (!['http:', 'https:'].includes(new URL(value).protocol)) throw new Error('protocol');
    } catch {
      this.problems.push(`${name}: must be an http(s) URL (got "${value}")`);
    }
    return value;
  }

  /** Variables that only make sense together: all set, or none (returns false when none is set). */
  together(names: readonly string[], why: string): boolean {
    const set = names.filter((name) => this.read(name) !== undefined);
    if (set.length === 0) return false;
    for (const name of names) if (this.read(name) === undefined) this.problems.push(`${name}: required when ${why}`);
    return true;
  }
}
