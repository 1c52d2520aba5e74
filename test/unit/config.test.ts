import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('gives sensible defaults: embedded PGlite in ./data, port 3000', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('/srv/app/data');
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.quietHours).toBe(true);
    expect(config.rawEventRetentionDays).toBe(180);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable it is given', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://u@db:5432/tp',
        PORT: '8080',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'debug',
        TEAMPULSE_BASE_URL: 'https://pulse.example.com/',
        TEAMPULSE_TIMEZONE: 'Europe/Berlin',
        TEAMPULSE_QUIET_HOURS: 'off',
        TEAMPULSE_DATA_DIR: '/var/tp',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u@db:5432/tp',
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'debug',
      baseUrl: 'https://pulse.example.com',
      timezone: 'Europe/Berlin',
      quietHours: false,
      dataDir: '/var/tp',
    });
  });

  it('reports one clear line per bad variable, all at once', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        TEAMPULSE_TIMEZONE: 'Mars/Olympus',
        DATABASE_URL: 'mysql://x',
        TEAMPULSE_QUIET_HOURS: 'maybe',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems.find((p) => p.startsWith('PORT:'))).toContain('"eighty"');
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toContain('"loud"');
    expect(problems.find((p) => p.startsWith('TEAMPULSE_TIMEZONE:'))).toContain('Mars/Olympus');
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('TEAMPULSE_QUIET_HOURS:'))).toBeDefined();
  });

  it('rejects an out-of-range port', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT: must be a whole number from 0 to 65535/);
  });
});

describe('logging configuration', () => {
  it('defaults LOG_FORMAT to auto and rejects unknown formats', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT: must be auto, json or pretty/);
  });

  it('checks cron expressions with node-cron and says why one is refused', () => {
    expect(loadConfig({ TEAMPULSE_SCORING_CRON: '30 1 * * mon-fri' }).scoringCron).toBe('30 1 * * mon-fri');
    const error = (() => {
      try {
        loadConfig({ TEAMPULSE_SCORING_CRON: '0 25 * * *', TEAMPULSE_DIGEST_CRON: '0 9 * * funday' });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('accepted');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.problems).toEqual([
      'TEAMPULSE_SCORING_CRON: invalid cron expression "0 25 * * *" (hour: 25 is a invalid expression for hour); ' +
        'e.g. "0 2 * * *"',
      expect.stringMatching(/^TEAMPULSE_DIGEST_CRON: invalid cron expression "0 9 \* \* funday" \(.+\)/),
    ]);
  });

  it('reads the resilience settings: job lease, pool size, request and connection timeouts', () => {
    expect(loadConfig({})).toMatchObject({
      jobLeaseMs: 120_000,
      poolSize: 10,
      requestTimeoutMs: 300_000,
      connectionTimeoutMs: 60_000,
    });
    expect(
      loadConfig({
        TEAMPULSE_JOB_LEASE_SECONDS: '30',
        DATABASE_POOL_SIZE: '40',
        TEAMPULSE_REQUEST_TIMEOUT_SECONDS: '0',
        TEAMPULSE_CONNECTION_TIMEOUT_SECONDS: '5',
      }),
    ).toMatchObject({ jobLeaseMs: 30_000, poolSize: 40, requestTimeoutMs: 0, connectionTimeoutMs: 5000 });
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE: must be a whole number/);
  });

  it('reads the failed-authentication limit per address and minute (default 30)', () => {
    expect(loadConfig({}).authFailuresPerMinute).toBe(30);
    expect(loadConfig({ TEAMPULSE_AUTH_FAILURE_LIMIT: '5' }).authFailuresPerMinute).toBe(5);
    expect(() => loadConfig({ TEAMPULSE_AUTH_FAILURE_LIMIT: '0' })).toThrow(/TEAMPULSE_AUTH_FAILURE_LIMIT/);
  });

  it('reads trustProxy: off by default, on, a hop count or a list of addresses and CIDRs', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TEAMPULSE_TRUST_PROXY: 'on' }).trustProxy).toBe(true);
    expect(loadConfig({ TEAMPULSE_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ TEAMPULSE_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TEAMPULSE_TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::1',
    ]);
    for (const bad of ['10.0.0.0/33', 'proxy.internal', '0']) {
      expect(() => loadConfig({ TEAMPULSE_TRUST_PROXY: bad }), bad).toThrow(/TEAMPULSE_TRUST_PROXY/);
    }
  });
});
