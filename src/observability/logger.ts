import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; level from config. Tests pass 'silent'. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'integrated-care-hub' } });
}
