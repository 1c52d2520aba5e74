// Fault injection for spawned-process tests, loaded with `node --import` (NODE_OPTIONS): the process kills itself
// with SIGKILL the moment it writes a stdout line containing every string of TEAMPULSE_TEST_KILL_ON (separated by
// "|"). Synchronous, in the process itself — a kill -9 at an exact point, whatever the machine's load.
const needles = (process.env.TEAMPULSE_TEST_KILL_ON ?? '').split('|').filter(Boolean);
if (needles.length > 0) {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const result = write(chunk, ...rest);
    if (needles.every((needle) => text.includes(needle))) process.kill(process.pid, 'SIGKILL');
    return result;
  };
}
