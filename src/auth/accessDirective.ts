import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLFieldConfig,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { DataCategory } from '../generated/graphql';
import type { HubContext } from '../server/context';
import { forbidden, mayAccess, type AccessLevel, type Caller } from './caller';
import { HELD_BY, mayReadFrom, ROW_RULES, type AccessContext } from './policy';

/**
 * Enforces `@access(level:)` from the SDL on every path, so visibility lives in the schema
 * and in this one module, not in checks scattered through the resolvers:
 *
 * - on a field: the field's resolver refuses callers below the level;
 * - on a type (IngestRun): every field of the type does, however the object was reached
 *   (a list, `node(id:)`, a nested field);
 * - on an enum value (EstateStatus.SURPLUS): a field answering that value answers null
 *   below the level, and an argument or filter naming it is refused, so a filter cannot
 *   find what the field then hides;
 * - on an argument or input field: giving it at all is refused below the level.
 *
 * Row rules that depend on the row (an unpublished indicator) are in `ROW_RULES`
 * (src/auth/policy.ts) and are applied here to every field that answers that type.
 *
 * A `category` adds the data-sharing rule: a caller at the level reads a field of a category
 * only on rows whose holders share the category with it (src/auth/policy.ts, `mayReadFrom`);
 * on other rows the field answers null, as if the hub did not know it. A type of a category
 * (IngestRun) is left out of every list, and `node(id:)` answers NOT_FOUND, for such callers.
 */

export interface AccessMap {
  types: Map<string, AccessLevel>;
  /** The data category of each type declared with one (its rows are shared by category). */
  typeCategories: Map<string, DataCategory>;
  enumValues: Map<string, Map<string, AccessLevel>>;
}

type DirectiveNode = Parameters<typeof getDirective>[1];
const accessOf = (schema: GraphQLSchema, node: DirectiveNode) =>
  getDirective(schema, node, 'access')?.[0] as { level: AccessLevel; category?: DataCategory } | undefined;

const levelOf = (schema: GraphQLSchema, node: DirectiveNode): AccessLevel | null => {
  const access = accessOf(schema, node);
  return access && access.level !== 'PUBLIC' ? access.level : null;
};

const categoryOf = (schema: GraphQLSchema, node: DirectiveNode): DataCategory | null => accessOf(schema, node)?.category ?? null;

/** Whether the caller may see a row of a type, by the type's row rule and its data category. */
export function rowVisible(map: AccessMap, ctx: AccessContext, typeName: string, row: unknown): boolean {
  if (row == null) return true;
  const rule = ROW_RULES[typeName];
  if (rule && !rule(ctx.caller, row)) return false;
  const category = map.typeCategories.get(typeName);
  return !category || mayReadFrom(ctx, category, HELD_BY[typeName]!(row));
}

/** Every restricted type and enum value, read from the schema's directives. */
export function accessMap(schema: GraphQLSchema): AccessMap {
  const types = new Map<string, AccessLevel>();
  const typeCategories = new Map<string, DataCategory>();
  const enumValues = new Map<string, Map<string, AccessLevel>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      const level = levelOf(schema, type);
      if (level) types.set(type.name, level);
      const category = categoryOf(schema, type);
      if (category) typeCategories.set(type.name, requireHeldBy(type.name, category));
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        const level = levelOf(schema, value);
        if (level) enumValues.set(type.name, (enumValues.get(type.name) ?? new Map<string, AccessLevel>()).set(value.name, level));
      }
    }
  }
  return { types, typeCategories, enumValues };
}

/** A category on a type whose holders the policy cannot name would protect nothing: refused when the schema is built. */
function requireHeldBy(typeName: string, category: DataCategory): DataCategory {
  if (!HELD_BY[typeName] && !MERGED_BY_RECORD.has(typeName))
    throw new Error(
      `${typeName} has a field or rows of category ${category}, but src/auth/policy.ts HELD_BY does not say which sources hold it`,
    );
  return category;
}

/** Types whose records are withheld by category before they are merged (src/model/merge.ts), and root types, whose resolvers scope. */
const MERGED_BY_RECORD = new Set(['Estate', 'Query', 'Mutation']);

/** A field of a type that belongs to a data category: the whole field, or (for an enum) only the values that do. */
export interface CategoryField {
  field: string;
  category: DataCategory;
  /** For an enum field: the values of the category; absent: every value of the field. */
  values?: ReadonlySet<string>;
}

/** The fields of a type that belong to a data category, as the schema declares them. */
export function categoryFieldsOf(schema: GraphQLSchema, typeName: string): CategoryField[] {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return [];
  return Object.values(type.getFields()).flatMap((field): CategoryField[] => {
    const category = categoryOf(schema, field);
    if (category) return [{ field: field.name, category }];
    const named = getNamedType(field.type);
    if (!isEnumType(named)) return [];
    const byCategory = new Map<DataCategory, Set<string>>();
    for (const value of named.getValues()) {
      const valueCategory = categoryOf(schema, value);
      if (valueCategory) byCategory.set(valueCategory, (byCategory.get(valueCategory) ?? new Set()).add(value.name));
    }
    return [...byCategory].map(([c, values]) => ({ field: field.name, category: c, values }));
  });
}

const maps = new WeakMap<GraphQLSchema, AccessMap>();
/** The schema's access map, read once per schema (for `node(id:)` and `_entities`, which reach rows by id). */
export function accessMapOf(schema: GraphQLSchema): AccessMap {
  let map = maps.get(schema);
  if (!map) maps.set(schema, (map = accessMap(schema)));
  return map;
}

/** The level a type needs, for `node(id:)` to refuse before it loads anything. */
export function typeAccess(schema: GraphQLSchema, typeName: string): AccessLevel | null {
  const type = schema.getType(typeName);
  return type && isObjectType(type) ? levelOf(schema, type) : null;
}

type Check = (value: unknown, caller: Caller) => void;

/**
 * A check of one argument's value against restricted input fields and enum values, or null
 * when nothing under its type is restricted (most arguments: they cost nothing).
 */
function inputCheck(schema: GraphQLSchema, map: AccessMap, type: GraphQLInputType, path: string, seen = new Set<string>()): Check | null {
  const named = getNamedType(type);
  if (isEnumType(named)) {
    const restricted = map.enumValues.get(named.name);
    if (!restricted) return null;
    return (value, caller) => {
      for (const v of Array.isArray(value) ? value : [value]) {
        const level = typeof v === 'string' ? restricted.get(v) : undefined;
        if (level && !mayAccess(caller, level))
          throw forbidden(`${path}: ${named.name}.${v} is for ${level.toLowerCase()} callers; sign in with an API key or token.`, path);
      }
    };
  }
  if (!isInputObjectType(named) || seen.has(named.name)) return null;
  seen.add(named.name);
  const checks: [string, Check][] = [];
  for (const field of Object.values(named.getFields())) {
    const level = levelOf(schema, field);
    const inner = inputCheck(schema, map, field.type, `${path}.${field.name}`, seen);
    if (level) {
      checks.push([
        field.name,
        (value, caller) => {
          if (value != null && !mayAccess(caller, level))
            throw forbidden(`${path}.${field.name} is for ${level.toLowerCase()} callers.`, `${path}.${field.name}`);
          inner?.(value, caller);
        },
      ]);
    } else if (inner) checks.push([field.name, inner]);
  }
  seen.delete(named.name);
  if (checks.length === 0) return null;
  return (value, caller) => {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item == null || typeof item !== 'object') continue;
      for (const [name, check] of checks) check((item as Record<string, unknown>)[name], caller);
    }
  };
}

function argumentChecks(
  schema: GraphQLSchema,
  map: AccessMap,
  args: Record<string, { type: GraphQLInputType; astNode?: GraphQLArgument['astNode'] }>,
): Check | null {
  const checks: [string, Check][] = [];
  for (const [name, arg] of Object.entries(args)) {
    const level = levelOf(schema, arg as GraphQLArgument);
    const inner = inputCheck(schema, map, arg.type, name);
    if (level) {
      checks.push([
        name,
        (value, caller) => {
          if (value != null && !mayAccess(caller, level))
            throw forbidden(`The argument "${name}" is for ${level.toLowerCase()} callers.`, name);
          inner?.(value, caller);
        },
      ]);
    } else if (inner) checks.push([name, inner]);
  }
  if (checks.length === 0) return null;
  return (args, caller) => {
    for (const [name, check] of checks) check((args as Record<string, unknown>)[name], caller);
  };
}

/** Filters an answer by what the caller may see of its type: restricted enum values become null, hidden rows go. */
function outputFilter(
  map: AccessMap,
  field: GraphQLFieldConfig<unknown, HubContext>,
): ((value: unknown, ctx: HubContext) => unknown) | null {
  const named = getNamedType(field.type);
  const restricted = isEnumType(named) ? map.enumValues.get(named.name) : undefined;
  if (!restricted && !ROW_RULES[named.name] && !map.typeCategories.has(named.name)) return null;
  const listed = isListType(getNullableType(field.type));
  const required = isNonNullType(field.type);
  const visible = (item: unknown, ctx: HubContext): boolean => {
    if (item == null) return true;
    if (restricted) {
      const level = typeof item === 'string' ? restricted.get(item) : undefined;
      return !level || mayAccess(ctx.caller, level);
    }
    return rowVisible(map, ctx, named.name, item);
  };
  return (value, ctx) => {
    if (listed && Array.isArray(value)) return (value as unknown[]).filter((item) => visible(item, ctx));
    if (visible(value, ctx)) return value;
    if (required) throw forbidden(`This ${named.name} is not shared with you.`);
    return null;
  };
}

/** The data-sharing check of a field of a category on a row of its type: null where the row's holders do not share it. */
function categoryCheck(
  map: AccessMap,
  typeName: string,
  category: DataCategory | null,
): ((row: unknown, ctx: HubContext) => boolean) | null {
  const heldBy = category ? HELD_BY[typeName] : undefined;
  if (!category || !heldBy) return null;
  return (row, ctx) => row == null || mayReadFrom(ctx, category, heldBy(row));
}

/** Awaits a resolver's answer only when it is a promise, so synchronous fields stay synchronous. */
const then = (value: unknown, f: (v: unknown) => unknown): unknown => (value instanceof Promise ? value.then(f) : f(value));

export function applyAccessControl(schema: GraphQLSchema): GraphQLSchema {
  const map = accessMap(schema);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const level = levelOf(schema, field) ?? map.types.get(typeName) ?? null;
      const fieldCategory = categoryOf(schema, field);
      if (fieldCategory) requireHeldBy(typeName, fieldCategory);
      const shared = categoryCheck(map, typeName, fieldCategory ?? map.typeCategories.get(typeName) ?? null);
      const typeRows = map.typeCategories.has(typeName);
      const args = argumentChecks(schema, map, (field.args ?? {}) as never);
      const filter = outputFilter(map, field as GraphQLFieldConfig<unknown, HubContext>);
      if (!level && !args && !filter && !shared) return field;
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve: (source, fieldArgs, context: HubContext, info) => {
          if (level && !mayAccess(context.caller, level)) {
            throw forbidden(`${typeName}.${fieldName} is for ${level.toLowerCase()} callers; sign in with an API key or token.`);
          }
          if (shared && !shared(source, context)) {
            // Rows of a shared type never reach a caller they are not shared with; a field of one is only withheld.
            if (typeRows) throw forbidden(`This ${typeName} is not shared with you.`);
            return null;
          }
          args?.(fieldArgs, context.caller);
          const answer = resolve(source, fieldArgs, context, info);
          return filter ? then(answer, (v) => filter(v, context)) : answer;
        },
      };
    },
  });
}
