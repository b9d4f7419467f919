import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/**
 * Logs on stdout; level from config. Tests pass 'silent'. JSON (one object a line, for log
 * shippers) unless `readable`, which `npm start` asks for in development: one short line per
 * entry, its fields after the message.
 */
export function createLogger(level: string, readable = false): Logger {
  const options = { level, base: { service: 'integrated-care-hub' } };
  if (!readable) return pino(options);
  return pino(
    options,
    pretty({ sync: true, singleLine: true, ignore: 'pid,hostname,service', translateTime: 'SYS:HH:MM:ss', colorize: process.stdout.isTTY }),
  );
}
