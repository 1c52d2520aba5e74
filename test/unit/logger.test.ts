import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('logger redaction', () => {
  it('never writes tokens, secrets, passwords or connection strings', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: 'info', destination: stream });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer tp_secret_value' } },
        platform: { token: 'xoxb-123', signingSecret: 'shh', appSecret: 'app-s' },
        config: { databaseUrl: 'postgres://u:pw@db/x' },
        password: 'hunter2',
      },
      'hello',
    );
    const text = lines.join('');
    expect(text).toContain('hello');
    for (const secret of ['tp_secret_value', 'xoxb-123', 'shh', 'app-s', 'pw@db', 'hunter2'])
      expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});
