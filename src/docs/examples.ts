/**
 * The GraphQL examples of the project's Markdown docs, as the docs test runs them and the
 * explorer offers them. A ```graphql block is an example; when the very next fenced block
 * is ```json, in the same section (no heading between), it is the exact expected response. The line before the fence may say how to
 * run it: `<!-- example: as ANALYST of RAT -->` (a demo key for that organisation, by ODS
 * or GSS code, and role) or `<!-- example: skip -- why -->`.
 */

export type ExampleRole = 'ANALYST' | 'EDITOR' | 'ADMIN';

export type ExampleMode =
  { kind: 'anonymous' } | { kind: 'as'; role: ExampleRole; organisationCode: string } | { kind: 'skip'; reason: string };

export interface GraphQLExample {
  /** Where the example is, e.g. `docs/queries.md:26`. */
  location: string;
  heading: string;
  query: string;
  expected: unknown;
  mode: ExampleMode;
}

const MARKER = /^<!--\s*example:\s*(.*?)\s*-->$/;
const AS = /^as\s+(ANALYST|EDITOR|ADMIN)\s+of\s+(\S+)$/;
const SKIP = /^skip\s*(?:--|—|:)?\s*(.+)$/;

export class ExampleMarkerError extends Error {}

function parseMarker(text: string, location: string): ExampleMode {
  const as = AS.exec(text);
  if (as) return { kind: 'as', role: as[1] as ExampleRole, organisationCode: as[2]! };
  const skip = SKIP.exec(text);
  if (skip) return { kind: 'skip', reason: skip[1]! };
  throw new ExampleMarkerError(`${location}: "<!-- example: ${text} -->" is neither "as <ROLE> of <code>" nor "skip -- <why>"`);
}

interface Fence {
  language: string;
  /** 1-based line of the opening fence. */
  line: number;
  body: string;
  /** The nearest non-blank line before the fence. */
  before: string;
  heading: string;
  /** Which section (counted by headings) the fence is in. */
  section: number;
}

function fences(markdown: string): Fence[] {
  const lines = markdown.split('\n');
  const found: Fence[] = [];
  let heading = '';
  let section = 0;
  let lastText = '';
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const open = /^(\s*)```(\w*)\s*$/.exec(line);
    if (!open) {
      if (/^#+\s/.test(line)) {
        heading = line.replace(/^#+\s*/, '').trim();
        section += 1;
      }
      if (line.trim() !== '') lastText = line.trim();
      continue;
    }
    const indent = open[1]!;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() !== '```') {
      body.push(lines[j]!.startsWith(indent) ? lines[j]!.slice(indent.length) : lines[j]!);
      j += 1;
    }
    found.push({ language: open[2]!, line: i + 1, body: body.join('\n'), before: lastText, heading, section });
    lastText = '```';
    i = j;
  }
  return found;
}

/** The exact answer shown after an example (a ```json block next in its section), and how the marker before it says to run it. */
function answerAndMode(all: Fence[], index: number, file: string, location: string): { expected: unknown; mode: ExampleMode } {
  const fence = all[index]!;
  const marker = MARKER.exec(fence.before);
  const next = all[index + 1];
  let expected: unknown;
  if (next?.language === 'json' && next.section === fence.section) {
    try {
      expected = JSON.parse(next.body);
    } catch (error) {
      throw new ExampleMarkerError(`${file}:${next.line}: the expected answer is not valid JSON (${(error as Error).message})`);
    }
  }
  return { expected, mode: marker ? parseMarker(marker[1]!, location) : { kind: 'anonymous' } };
}

export function graphqlExamples(markdown: string, file: string): GraphQLExample[] {
  const all = fences(markdown);
  return all.flatMap((fence, index) => {
    if (fence.language !== 'graphql') return [];
    const location = `${file}:${fence.line}`;
    return [{ location, heading: fence.heading, query: fence.body, ...answerAndMode(all, index, file, location) }];
  });
}

/** A request to one of the hub's HTTP APIs (FHIR, Open Referral UK) shown in the docs, with its exact answer where one follows. */
export interface HttpExample {
  location: string;
  heading: string;
  /** The path and query, e.g. `/fhir/R4/Organization?identifier=RAT`. */
  path: string;
  expected: unknown;
  mode: ExampleMode;
}

/**
 * The ```http blocks: one line, `GET <path>`, run against the demo data as the marker before
 * it says; a ```json block next in the same section is the exact answer, with the hub's address
 * written as `http://127.0.0.1:4000`.
 */
export function httpExamples(markdown: string, file: string): HttpExample[] {
  const all = fences(markdown);
  return all.flatMap((fence, index) => {
    if (fence.language !== 'http') return [];
    const location = `${file}:${fence.line}`;
    const request = /^GET (\/\S*)$/.exec(fence.body.trim());
    if (!request) throw new ExampleMarkerError(`${location}: an http example is one line, "GET /path?query"`);
    return [{ location, heading: fence.heading, path: request[1]!, ...answerAndMode(all, index, file, location) }];
  });
}
