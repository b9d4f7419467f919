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
import type { HubContext } from '../server/context';
import { forbidden, mayAccess, type AccessLevel, type Caller } from './caller';
import { ROW_RULES } from './policy';

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
 */

export interface AccessMap {
  types: Map<string, AccessLevel>;
  enumValues: Map<string, Map<string, AccessLevel>>;
}

const levelOf = (schema: GraphQLSchema, node: Parameters<typeof getDirective>[1]): AccessLevel | null => {
  const access = getDirective(schema, node, 'access')?.[0] as { level: AccessLevel } | undefined;
  return access && access.level !== 'PUBLIC' ? access.level : null;
};

/** Every restricted type and enum value, read from the schema's directives. */
export function accessMap(schema: GraphQLSchema): AccessMap {
  const types = new Map<string, AccessLevel>();
  const enumValues = new Map<string, Map<string, AccessLevel>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      const level = levelOf(schema, type);
      if (level) types.set(type.name, level);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        const level = levelOf(schema, value);
        if (level) enumValues.set(type.name, (enumValues.get(type.name) ?? new Map<string, AccessLevel>()).set(value.name, level));
      }
    }
  }
  return { types, enumValues };
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
): ((value: unknown, caller: Caller) => unknown) | null {
  const named = getNamedType(field.type);
  const restricted = isEnumType(named) ? map.enumValues.get(named.name) : undefined;
  const rowRule = ROW_RULES[named.name];
  if (!restricted && !rowRule) return null;
  const listed = isListType(getNullableType(field.type));
  const required = isNonNullType(field.type);
  const visible = (item: unknown, caller: Caller): boolean => {
    if (item == null) return true;
    if (restricted) {
      const level = typeof item === 'string' ? restricted.get(item) : undefined;
      return !level || mayAccess(caller, level);
    }
    return rowRule!(caller, item);
  };
  return (value, caller) => {
    if (listed && Array.isArray(value)) return (value as unknown[]).filter((item) => visible(item, caller));
    if (visible(value, caller)) return value;
    if (required) throw forbidden(`This ${named.name} is for partner callers.`);
    return null;
  };
}

/** Awaits a resolver's answer only when it is a promise, so synchronous fields stay synchronous. */
const then = (value: unknown, f: (v: unknown) => unknown): unknown => (value instanceof Promise ? value.then(f) : f(value));

export function applyAccessControl(schema: GraphQLSchema): GraphQLSchema {
  const map = accessMap(schema);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const level = levelOf(schema, field) ?? map.types.get(typeName) ?? null;
      const args = argumentChecks(schema, map, (field.args ?? {}) as never);
      const filter = outputFilter(map, field as GraphQLFieldConfig<unknown, HubContext>);
      if (!level && !args && !filter) return field;
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve: (source, fieldArgs, context: HubContext, info) => {
          if (level && !mayAccess(context.caller, level)) {
            throw forbidden(`${typeName}.${fieldName} is for ${level.toLowerCase()} callers; sign in with an API key or token.`);
          }
          args?.(fieldArgs, context.caller);
          const answer = resolve(source, fieldArgs, context, info);
          return filter ? then(answer, (v) => filter(v, context.caller)) : answer;
        },
      };
    },
  });
}
