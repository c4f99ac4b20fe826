const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const COLOURS: Record<string, string> = { warn: '\x1b[33m', error: '\x1b[31m', fatal: '\x1b[31m' };

/** A JSON log line made readable for a terminal: "12:00:01 users info message {extra}". */
export function formatLine(source: string, line: string, colour = process.stdout.isTTY): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line);
  } catch {
    return `${source.padEnd(15)} ${line}`;
  }
  const { level, time, msg, service: _s, pid: _p, hostname: _h, ...rest } = entry;
  const name = LEVELS[level as number] ?? String(level);
  const clock = typeof time === 'string' ? time.slice(11, 19) : '';
  const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  const text = `${clock} ${source.padEnd(15)} ${name.padEnd(5)} ${msg ?? ''}${extra}`;
  return colour && COLOURS[name] ? `${COLOURS[name]}${text}\x1b[0m` : text;
}
