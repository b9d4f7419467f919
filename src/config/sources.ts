import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SOURCE_KINDS, SOURCE_NAMES, type SourceName } from './sourceNames';

/**
 * The sources file (`SOURCES_FILE`, JSON): per source its URL and its own pool size and time
 * limits, so a fragile partner can be given a small pool and short limits without touching
 * the others. Every problem in the file is reported at once, with where it is.
 *
 *   { "sources": [ { "id": "trust", "kind": "trust-sites", "url": "postgres://…",
 *                    "poolMax": 4, "connectTimeoutMs": 2000, "statementTimeoutMs": 10000,
 *                    "queryTimeoutMs": 4000 } ] }
 *
 * Today the ids are the hub's four sources, each of its one kind; a source left out takes the
 * environment's settings.
 */

export interface SourceSettings {
  url?: string;
  poolMax?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  queryTimeoutMs?: number;
}

const millis = z.number().int().min(100).max(3_600_000);

const entry = z
  .object({
    id: z.enum(SOURCE_NAMES as [SourceName, ...SourceName[]]),
    kind: z.string(),
    url: z
      .string()
      .trim()
      .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL')
      .optional(),
    poolMax: z.number().int().min(1).max(100).optional(),
    connectTimeoutMs: millis.optional(),
    statementTimeoutMs: z.number().int().min(0).max(3_600_000).optional(),
    queryTimeoutMs: millis.optional(),
  })
  .strict()
  .superRefine((source, ctx) => {
    const kind = SOURCE_KINDS[source.id];
    if (source.kind !== kind) ctx.addIssue({ code: 'custom', path: ['kind'], message: `source "${source.id}" is of kind "${kind}"` });
  });

const sourcesFile = z.object({ sources: z.array(entry) }).strict();

/** Ids declared twice; checked on the raw file so it is reported beside the entries' own problems. */
function duplicateIds(json: unknown): string[] {
  const sources = (json as { sources?: unknown })?.sources;
  if (!Array.isArray(sources)) return [];
  const seen = new Set<unknown>();
  return sources.flatMap((source: unknown, i) => {
    const id = (source as { id?: unknown })?.id;
    const twice = typeof id === 'string' && seen.has(id);
    seen.add(id);
    return twice ? [`sources.${i}.id: "${id}" is declared twice`] : [];
  });
}

/** The file's settings per source, or the problems found (all of them). */
export function readSourcesFile(file: string): { settings: Partial<Record<SourceName, SourceSettings>>; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return {
      settings: {},
      problems: [`SOURCES_FILE: cannot read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`],
    };
  }
  const parsed = sourcesFile.safeParse(json);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`)),
    ...duplicateIds(json),
  ].map((problem) => `SOURCES_FILE ${file}: ${problem}`);
  if (!parsed.success || problems.length > 0) return { settings: {}, problems };
  const settings: Partial<Record<SourceName, SourceSettings>> = {};
  for (const { id, kind: _kind, ...rest } of parsed.data.sources) settings[id] = rest;
  return { settings, problems: [] };
}
