// Option values that several verbs turn into the same use-case input.

/** A `--from`/`--to` window of days as the use cases take it: a bound left out (or empty) is their default. */
export const windowOptions = (opts: { from?: string; to?: string }) => ({
  ...(opts.from ? { from: opts.from } : {}),
  ...(opts.to ? { to: opts.to } : {}),
  now: new Date(),
});

/** `--region <code>` as the use cases take it: left out, nothing to change; "none" (any case), no region. */
export const regionOption = (region: string | undefined): { region?: string | null } =>
  region === undefined ? {} : { region: region.toLowerCase() === 'none' ? null : region };
