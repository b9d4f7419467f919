import { StandardsError } from './graphql';

/**
 * Resource ids for the standards APIs. FHIR allows only `[A-Za-z0-9-.]{1,64}` in an id, and the
 * hub's local ids hold `_` (`btuh.service_line.RDD-SL-001`), so an id is `<kind>.<local id>`
 * with the local id escaped reversibly: `.` as `..`, `_` as `.u`, any other byte as `.x` and
 * two hex digits. The kind (before the first `.`) says what the rest names.
 */

const PLAIN = /[A-Za-z0-9-]/;

export function escapeLocalId(localId: string): string {
  let out = '';
  for (const char of localId) {
    if (PLAIN.test(char)) out += char;
    else if (char === '.') out += '..';
    else if (char === '_') out += '.u';
    else for (const byte of Buffer.from(char, 'utf8')) out += `.x${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** The local id an escaped one stands for, or null when it is not one `escapeLocalId` makes. */
export function unescapeLocalId(escaped: string): string | null {
  const bytes: number[] = [];
  for (let i = 0; i < escaped.length; i += 1) {
    const char = escaped[i]!;
    if (PLAIN.test(char)) {
      bytes.push(char.charCodeAt(0));
      continue;
    }
    if (char !== '.') return null;
    const next = escaped[i + 1];
    if (next === '.' || next === 'u') {
      bytes.push(next === '.' ? 0x2e : 0x5f);
      i += 1;
    } else if (next === 'x' && /^[0-9a-f]{2}$/.test(escaped.slice(i + 2, i + 4))) {
      bytes.push(parseInt(escaped.slice(i + 2, i + 4), 16));
      i += 3;
    } else return null;
  }
  return Buffer.from(bytes).toString('utf8');
}

export const resourceId = (kind: string, localId: string): string => `${kind}.${escapeLocalId(localId)}`;

export interface ParsedId {
  kind: string;
  localId: string;
}

/** The kind and local id of a resource id, or a BAD_USER_INPUT naming the parameter when it is not one the hub makes. */
export function parseResourceId(id: string, kinds: readonly string[], parameter = 'id'): ParsedId {
  const dot = id.indexOf('.');
  const kind = dot > 0 ? id.slice(0, dot) : '';
  const localId = dot > 0 ? unescapeLocalId(id.slice(dot + 1)) : null;
  if (!kinds.includes(kind) || !localId)
    throw new StandardsError(
      'BAD_USER_INPUT',
      400,
      `"${id}" is not an id this API gives: ids here are <kind>.<local id>, with kind one of ${kinds.join(', ')}.`,
      parameter,
    );
  return { kind, localId };
}
