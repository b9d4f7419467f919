import { getDirective } from '@graphql-tools/utils';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { issueApiKey } from '../../src/auth/apiKeys';
import { toGlobalId } from '../../src/graphql/globalId';
import { buildSchema } from '../../src/graphql/schema';
import { startTestHub, type TestHub } from '../support/testHub';

/**
 * One access rule, every path, derived from the schema: every partner-only field, type and
 * enum value the SDL declares with @access is found here by walking the schema, then asked
 * for as the public through every path that reaches it (the shortest path from Query, and
 * `node(id:)` for a Node type), and every argument or filter that can name a partner-only
 * enum value is given one. A new partner-only field is covered the day it is declared.
 */

const schema: GraphQLSchema = buildSchema();
let hub: TestHub;
let admin: Record<string, string>;

beforeAll(async () => {
  hub = await startTestHub();
  admin = {
    'x-api-key': (await issueApiKey(hub.databases.hub, { organisationId: null, role: 'ADMIN', label: 'admin', expiresInDays: 1 })).token,
  };
  // Partner-only data for every rule to find: a disposal plan, an action comment, an ingest run.
  await hub.databases.council.query(
    `UPDATE property SET status = 'SURPLUS', proposed_reuse = 'Housing', tenure = 'Freehold' WHERE asset_ref = 'FIX-P-A2'`,
  );
}, 120_000);
afterAll(async () => {
  await hub.stop();
});

const levelOf = (node: Parameters<typeof getDirective>[1]): string | null => {
  const level = (getDirective(schema, node, 'access')?.[0] as { level: string } | undefined)?.level;
  return level && level !== 'PUBLIC' ? level : null;
};

/** Values for required arguments along a path, by name, from the fixture data. */
const SAMPLE_ARGS: Record<string, string> = { groupBy: '[FUND]', area: '"FIX-A"', period: '"2019/20 Q1"', code: '"FIX-A"' };

function argsFor(field: GraphQLField<unknown, unknown>): string | null {
  const given: string[] = [];
  for (const arg of field.args) {
    if (arg.name === 'first') given.push('first: 5');
    else if (isNonNullType(arg.type)) {
      if (!SAMPLE_ARGS[arg.name]) return null;
      given.push(`${arg.name}: ${SAMPLE_ARGS[arg.name]}`);
    }
  }
  return given.length ? `(${given.join(', ')})` : '';
}

/** The shortest path from Query to every object type, as the text of nested selections to wrap a selection in. */
function pathsFromQuery(): Map<string, (inner: string) => string> {
  const paths = new Map<string, (inner: string) => string>([['Query', (inner) => inner]]);
  const queue: GraphQLObjectType[] = [schema.getQueryType()!];
  while (queue.length) {
    const type = queue.shift()!;
    const wrap = paths.get(type.name)!;
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type);
      const args = argsFor(field);
      if (args === null || field.name === 'node' || !isObjectType(target) || paths.has(target.name)) continue;
      paths.set(target.name, (inner) => wrap(`${field.name}${args} { ${inner} }`));
      queue.push(target);
    }
  }
  return paths;
}
const PATHS = pathsFromQuery();

/** Every value at the end of `path` (keys only), whatever lists lie between. */
function leaves(data: unknown, key: string): unknown[] {
  if (Array.isArray(data)) return (data as unknown[]).flatMap((d) => leaves(d, key));
  if (data === null || typeof data !== 'object') return [];
  return Object.entries(data as Record<string, unknown>).flatMap(([k, v]) => (k === key ? [v] : leaves(v, key)));
}

interface Restricted {
  type: GraphQLObjectType;
  field: string;
  level: string;
}

/** The field as a selection: an object-valued one with `__typename` under it. */
const select = (r: Restricted): string =>
  isLeafType(getNamedType(r.type.getFields()[r.field]!.type)) ? r.field : `${r.field} { __typename }`;

/** Partner-only fields, and every field of a partner-only type, outside Query and Mutation (those are asked directly). */
function restrictedFields(): Restricted[] {
  const found: Restricted[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Query' || type.name === 'Mutation') continue;
    const typeLevel = levelOf(type);
    for (const field of Object.values(type.getFields())) {
      const level = levelOf(field) ?? typeLevel;
      if (level) found.push({ type, field: field.name, level });
    }
  }
  return found;
}

const publicAsk = (query: string) => hub.gql(query);

test('the schema declares partner-only fields, types and enum values for this suite to walk', () => {
  const fields = restrictedFields().map((r) => `${r.type.name}.${r.field}`);
  expect(fields).toEqual(
    expect.arrayContaining([
      'Estate.tenure',
      'Estate.proposedReuse',
      'PlanAction.comments',
      'PlanAction.capacity',
      'ActionStatus.comment',
      'IngestRun.fileName',
      'IngestRun.error',
    ]),
  );
  const statuses = (schema.getType('EstateStatus') as GraphQLEnumType)
    .getValues()
    .filter((v) => levelOf(v))
    .map((v) => v.name);
  expect(statuses).toEqual(['SURPLUS', 'PLANNED_DISPOSAL', 'LAND_SWAP']);
});

/** A valid input for each mutation's input type, so its refusal is the access rule's, not validation's. A new mutation needs one here. */
const SAMPLE_INPUTS: Record<string, Record<string, unknown>> = {
  RecordActionStatusInput: { actionId: toGlobalId('PlanAction', 'FIX-X1'), period: '2020/21 Q1', rag: 'RED', expectedVersion: null },
  UpdateEstateStatusInput: { estateId: toGlobalId('Estate', 'estate-a'), status: 'VACANT', expectedVersion: '2000-01-01T00:00:00.000Z' },
  RecordIndicatorValueInput: { indicatorId: toGlobalId('Indicator', 'fix-delays'), area: 'FIX-A', period: '2020/21 Q1', value: '1' },
  RecordBudgetLineInput: {
    lineRef: 'PUB-1',
    fundId: toGlobalId('Fund', 'fix-pooled-fund'),
    financialYear: '2019/20',
    lineKind: 'ALLOCATION',
    planned: '1.00',
  },
};

const auditCounts = () =>
  Promise.all(
    (['ccg', 'council', 'trust'] as const).map(
      async (s) => (await hub.databases[s].query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_log`))[0]!.n,
    ),
  );

test('every partner-only query field is FORBIDDEN to the public and answers nothing', async () => {
  let asked = 0;
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    if (!levelOf(field)) continue;
    const args = field.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${SAMPLE_ARGS[a.name]}`);
    const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
    const { body } = await publicAsk(`{ ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection} }`);
    asked += 1;
    expect([field.name, body.errors?.[0]?.extensions?.code]).toEqual([field.name, 'FORBIDDEN']);
    expect(body.data?.[field.name] ?? null).toBeNull();
  }
  expect(asked).toBeGreaterThanOrEqual(4);
});

test('every mutation, given a valid input, is FORBIDDEN to the public and changes nothing', async () => {
  const before = await auditCounts();
  for (const field of Object.values(schema.getMutationType()!.getFields())) {
    expect([field.name, levelOf(field)]).toEqual([field.name, expect.stringMatching(/EDITOR|ADMIN/)]);
    const input = field.args.find((a) => a.name === 'input')!;
    const typeName = getNamedType(input.type).name;
    expect([field.name, typeName in SAMPLE_INPUTS]).toEqual([field.name, true]);
    const { body } = await hub.gql(`mutation($input: ${String(input.type)}) { ${field.name}(input: $input) { __typename } }`, {
      input: SAMPLE_INPUTS[typeName],
    });
    expect([field.name, body.errors?.[0]?.extensions?.code]).toEqual([field.name, 'FORBIDDEN']);
    expect(body.data?.[field.name] ?? null).toBeNull();
  }
  expect(await auditCounts()).toEqual(before);
});

describe.each(restrictedFields().map((r) => [`${r.type.name}.${r.field}`, r] as const))('%s', (_, r) => {
  test('is withheld from the public through the shortest path from Query', async () => {
    const wrap = PATHS.get(r.type.name);
    if (!wrap) throw new Error(`No path from Query reaches ${r.type.name}: add a sample argument to SAMPLE_ARGS`);
    const query = `{ ${wrap(select(r))} }`;
    const asAdmin = await hub.gql(query, undefined, admin);
    expect(asAdmin.body.errors).toBeUndefined();
    const reached = leaves(asAdmin.body.data, r.field).length;
    const { body } = await publicAsk(query);
    expect(leaves(body.data, r.field).every((v) => v === null)).toBe(true);
    expect(reached).toBeGreaterThan(0); // the fixtures hold rows for every rule: no test passes vacuously
    expect(body.errors!.map((e) => e.extensions!.code)).toContain('FORBIDDEN');
  });

  // Types that are not a Node have no id to ask for: the path from Query is their only way in.
  if (!r.type.getInterfaces().some((i) => i.name === 'Node')) return;
  test('is withheld from the public through node(id:)', async () => {
    const wrap = PATHS.get(r.type.name)!;
    const ids = leaves((await hub.gql(`{ ${wrap('id')} }`, undefined, admin)).body.data, 'id');
    expect(ids.length).toBeGreaterThan(0);
    const query = `query($id: ID!) { node(id: $id) { ... on ${r.type.name} { ${select(r)} } } }`;
    const { body } = await hub.gql(query, { id: ids[0] });
    expect(leaves(body.data, r.field).every((v) => v === null)).toBe(true);
    expect(body.errors!.map((e) => e.extensions!.code)).toContain('FORBIDDEN');
  });
});

/** Every argument path (root field argument, into input objects) whose type can carry a partner-only enum value. */
function enumArgumentPaths(): { query: string; value: string }[] {
  const found: { query: string; value: string }[] = [];
  const literal = (type: GraphQLInputType, value: string, depth = 0): string[] => {
    const named = getNamedType(type);
    const listed = String(type).includes('[');
    if (isEnumType(named)) return named.getValues().some((v) => v.name === value) ? [listed ? `[${value}]` : value] : [];
    if (!isInputObjectType(named) || depth > 3) return [];
    return Object.values(named.getFields()).flatMap((f) => literal(f.type, value, depth + 1).map((inner) => `{ ${f.name}: ${inner} }`));
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isEnumType(type) || type.name.startsWith('__')) continue;
    for (const value of type.getValues().filter((v) => levelOf(v))) {
      for (const field of Object.values(schema.getQueryType()!.getFields())) {
        if (levelOf(field)) continue; // asked above
        for (const arg of field.args) {
          for (const text of literal(arg.type, value.name)) {
            const selection = isLeafType(getNamedType(field.type)) ? '' : '{ __typename }';
            found.push({ query: `{ ${field.name}(${arg.name}: ${text}) ${selection} }`, value: value.name });
          }
        }
      }
    }
  }
  return found;
}

test.each(enumArgumentPaths().map((p) => [p.query, p.value]))('%s is FORBIDDEN to the public', async (query, value) => {
  const { body } = await publicAsk(query);
  expect(body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  expect(body.errors![0]!.message).toContain(value);
  expect(Object.values(body.data ?? {}).every((v) => v === null)).toBe(true);
});

test('a field answering a partner-only enum value answers null to the public on every path, and the value to partners', async () => {
  const query = `{ estates(first: 50) { nodes { id status } } }`;
  const asAdmin = (await hub.gql<{ estates: { nodes: { id: string; status: string | null }[] } }>(query, undefined, admin)).body.data!
    .estates.nodes;
  const surplus = asAdmin.find((e) => e.status === 'SURPLUS')!;
  expect(surplus).toBeDefined();
  const asPublic = (await publicAsk(query)).body.data as { estates: { nodes: { id: string; status: string | null }[] } };
  expect(asPublic.estates.nodes.find((e) => e.id === surplus.id)!.status).toBeNull();
  const viaNode = await hub.gql(`query($id: ID!) { node(id: $id) { ... on Estate { status } } }`, { id: surplus.id });
  expect(viaNode.body.data).toEqual({ node: { status: null } });
  // Not even through a filter that would only match it.
  const filtered = await publicAsk(`{ estates(filter: { statuses: [SURPLUS, IN_USE] }) { totalCount } }`);
  expect(filtered.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', argumentName: 'filter.statuses' });
});

test('interfaces resolve only to types reachable by the rules above', () => {
  // node(id:) answers a Node: every implementation is an object type this suite walks.
  const node = schema.getType('Node');
  expect(isInterfaceType(node)).toBe(true);
  for (const type of schema.getPossibleTypes(node as never)) expect(PATHS.has(type.name)).toBe(true);
});
