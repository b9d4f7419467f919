import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The sources the hub runs with. The hub's own registry is source `hub` (kind
 * `hub-registry`); every other entry is a partner's system: an id of its own, an adapter
 * kind (src/sources/kinds.ts), the organisations whose data it holds, its URL (none: a
 * database on the embedded PostgreSQL) and its own pool size and time limits, so a fragile
 * partner can be given a small pool and short limits without touching the others. A source
 * may also give a `readUrl`: a streaming replica of its primary that serves the requests'
 * reads (writes, `ingest`, migrations and the crosswalk stay on `url`; docs/deployment.md).
 *
 *   { "sources": [
 *       { "id": "hub", "kind": "hub-registry" },
 *       { "id": "thurrock-council", "kind": "council-registers", "organisations": ["E06000034"],
 *         "url": "postgres://…", "poolMax": 4, "connectTimeoutMs": 2000,
 *         "statementTimeoutMs": 10000, "queryTimeoutMs": 4000 } ] }
 *
 * Without a sources file the hub runs one source of each kind, `hub`, `ccg`, `council` and
 * `trust`, at HUB_/CCG_/COUNCIL_/TRUST_DATABASE_URL (today's deployments) or on the
 * embedded PostgreSQL. Every problem in the file is reported at once, with where it is.
 */

export const HUB_SOURCE_ID = 'hub';
export const HUB_KIND_ID = 'hub-registry';

export interface SourceLimitsOverride {
  poolMax?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  queryTimeoutMs?: number;
}

export interface SourceConfig extends SourceLimitsOverride {
  id: string;
  kind: string;
  /** Codes (ODS, GSS) of the organisations whose data the source holds; empty: not declared. */
  organisations: string[];
  /** None: a database on the embedded PostgreSQL, named after the source. */
  url?: string;
  /** A read replica of `url` for the requests' reads (src/db/replicas.ts); none: every read goes to `url`. */
  readUrl?: string;
}

/** The default sources' ids (no sources file): what the fixtures, the scale dataset and the benchmark run on. */
export type SourceName = 'hub' | 'ccg' | 'council' | 'trust';
export const SOURCE_NAMES: readonly SourceName[] = ['hub', 'ccg', 'council', 'trust'];

/** One source of each of today's kinds: what the hub ran before sources were configurable. */
export const LEGACY_SOURCES: readonly { id: string; kind: string; variable: string; readVariable: string }[] = [
  { id: HUB_SOURCE_ID, kind: HUB_KIND_ID, variable: 'HUB_DATABASE_URL', readVariable: 'HUB_READ_DATABASE_URL' },
  { id: 'ccg', kind: 'ccg-primary-care', variable: 'CCG_DATABASE_URL', readVariable: 'CCG_READ_DATABASE_URL' },
  { id: 'council', kind: 'council-registers', variable: 'COUNCIL_DATABASE_URL', readVariable: 'COUNCIL_READ_DATABASE_URL' },
  { id: 'trust', kind: 'trust-sites', variable: 'TRUST_DATABASE_URL', readVariable: 'TRUST_READ_DATABASE_URL' },
];

const millis = z.number().int().min(100).max(3_600_000);

export const SOURCE_ID_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL');

const entry = z
  .object({
    id: z
      .string()
      .regex(SOURCE_ID_PATTERN, 'must be lower-case letters, digits and hyphens, starting with a letter (e.g. thurrock-council)'),
    kind: z.string().min(1),
    organisations: z.array(z.string().trim().min(1)).default([]),
    url: postgresUrl.optional(),
    readUrl: postgresUrl.optional(),
    poolMax: z.number().int().min(1).max(100).optional(),
    connectTimeoutMs: millis.optional(),
    statementTimeoutMs: z.number().int().min(0).max(3_600_000).optional(),
    queryTimeoutMs: millis.optional(),
  })
  .strict()
  // A replica of the embedded PostgreSQL cannot be made (docs/deployment.md), so a read URL needs its primary's.
  .refine((source) => !source.readUrl || source.url, { message: "readUrl needs the primary's url beside it", path: ['readUrl'] });

const sourcesFile = z.object({ sources: z.array(entry).min(1, 'must declare at least the hub registry') }).strict();

/** What only the whole list can show: ids declared twice, unknown kinds, the hub's registry missing or not once. */
function listProblems(sources: readonly { id: string; kind: string }[], knownKinds: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  sources.forEach((source, i) => {
    if (source.id && seen.has(source.id)) problems.push(`sources.${i}.id: "${source.id}" is declared twice`);
    seen.add(source.id);
    const isHub = source.id === HUB_SOURCE_ID;
    if (isHub && source.kind !== HUB_KIND_ID)
      problems.push(`sources.${i}.kind: source "hub" is the hub's registry, of kind "${HUB_KIND_ID}"`);
    if (!isHub && source.kind === HUB_KIND_ID) problems.push(`sources.${i}.kind: only source "hub" is of kind "${HUB_KIND_ID}"`);
    if (!isHub && source.kind && source.kind !== HUB_KIND_ID && !knownKinds.includes(source.kind)) {
      problems.push(`sources.${i}.kind: "${source.kind}" is not a kind the hub knows (${knownKinds.join(', ')})`);
    }
  });
  if (!seen.has(HUB_SOURCE_ID)) problems.push(`sources: the hub's registry (id "hub", kind "${HUB_KIND_ID}") is missing`);
  return problems;
}

/** The entries of a raw sources file that have a text id and kind, for the checks across the list. */
function namedEntries(json: unknown): { id: string; kind: string }[] {
  const sources = (json as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(sources)) return [];
  return sources.map((s: unknown) => {
    const { id, kind } = (s ?? {}) as { id?: unknown; kind?: unknown };
    return { id: typeof id === 'string' ? id : '', kind: typeof kind === 'string' ? kind : '' };
  });
}

/** The sources a file declares, or the problems found (all of them), each prefixed with the file. */
export function readSourcesFile(file: string, knownKinds: readonly string[]): { sources: SourceConfig[]; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return {
      sources: [],
      problems: [`SOURCES_FILE: cannot read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`],
    };
  }
  const parsed = sourcesFile.safeParse(json);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`)),
    // Checked on the raw entries too, so they are reported beside the entries' own problems.
    ...listProblems(namedEntries(json), knownKinds),
  ].map((problem) => `SOURCES_FILE ${file}: ${problem}`);
  if (!parsed.success || problems.length > 0) return { sources: [], problems };
  // The hub's registry first: partners' data is loaded and linked after it.
  const sources = [...parsed.data.sources].sort((a, b) => Number(b.id === HUB_SOURCE_ID) - Number(a.id === HUB_SOURCE_ID));
  return { sources, problems: [] };
}

/** Without a sources file: one source of each of today's kinds, at the URL its variable gives, if any. */
export function legacySources(env: Record<string, string | undefined>): SourceConfig[] {
  return LEGACY_SOURCES.map(({ id, kind, variable, readVariable }) => ({
    id,
    kind,
    organisations: [],
    ...(env[variable] ? { url: env[variable] } : {}),
    ...(env[readVariable] ? { readUrl: env[readVariable] } : {}),
  }));
}
