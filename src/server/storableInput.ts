import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { GraphQLError, Kind, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { ErrorCode } from './errors';

/**
 * Every string a request carries, in its variables or written in the operation, must be one
 * PostgreSQL can store: a NUL character cannot be (in text or in a comparison), and would
 * otherwise surface as a database error deep in a resolver. Refused up front, 400
 * BAD_USER_INPUT naming the argument, before any source is asked.
 */

const UNSTORABLE = /\u0000/;

function refuse(argumentName: string): GraphQLError {
  return new GraphQLError(`"${argumentName}" contains a NUL character (\\u0000), which the hub cannot store or search for.`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName, http: { status: 400 } },
  });
}

/**
 * The path of the first unstorable string in a JSON value, or null. Walked with a stack of its
 * own, not by recursion: variables nested a hundred thousand deep still fit in a body.
 */
function findInValue(root: unknown, rootPath: string): string | null {
  const pending: [unknown, string][] = [[root, rootPath]];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return path;
    } else if (Array.isArray(value)) {
      (value as unknown[]).forEach((item, i) => pending.push([item, `${path}[${i}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) pending.push([item, `${path}.${key}`]);
    }
  }
  return null;
}

function findInLiteral(node: ValueNode, path: string): string | null {
  if (node.kind === Kind.STRING) return UNSTORABLE.test(node.value) ? path : null;
  if (node.kind === Kind.LIST)
    return node.values.reduce<string | null>((found, item, i) => found ?? findInLiteral(item, `${path}[${i}]`), null);
  if (node.kind === Kind.OBJECT)
    return node.fields.reduce<string | null>((found, f) => found ?? findInLiteral(f.value, `${path}.${f.name.value}`), null);
  return null;
}

function findInOperation(operation: OperationDefinitionNode): string | null {
  const visit = (selections: OperationDefinitionNode['selectionSet']['selections']): string | null => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        for (const arg of selection.arguments ?? []) {
          const found = findInLiteral(arg.value, arg.name.value);
          if (found) return found;
        }
      }
      const inner = selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet ? visit(selection.selectionSet.selections) : null;
      if (inner) return inner;
    }
    return null;
  };
  return visit(operation.selectionSet.selections);
}

export const storableInput: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        const fromVariables = Object.entries(request.variables ?? {}).reduce<string | null>(
          (found, [name, value]) => found ?? findInValue(value, name),
          null,
        );
        if (fromVariables) throw refuse(fromVariables);
        // Fragments carry arguments too: every definition of the document is read.
        for (const definition of document.definitions) {
          if (definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
          const found = findInOperation(definition as OperationDefinitionNode);
          if (found) throw refuse(found);
        }
      },
    };
  },
};

/** Deeper than any input type of the schema nests (a filter in a filter is four). */
const MAX_VARIABLE_DEPTH = 32;

/** How deep a JSON value nests, measured with a stack of its own (a hostile value may be 100,000 deep). */
function depthOf(root: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[root, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_VARIABLE_DEPTH) return deepest;
    if (value !== null && typeof value === 'object')
      for (const item of Object.values(value as object) as unknown[]) pending.push([item, depth + 1]);
  }
  return deepest;
}

/**
 * Express middleware after the body is parsed: variables nested deeper than any input could
 * be are refused before Apollo or a plugin walks them by recursion (the response cache's key
 * is their JSON text) and runs out of stack.
 */
export const shallowVariables: RequestHandler = (req, res, next) => {
  const body = req.body as { variables?: unknown; query?: unknown } | undefined;
  const query = body?.query ?? req.query.query;
  const refusal =
    body?.variables !== undefined && depthOf(body.variables) > MAX_VARIABLE_DEPTH
      ? { message: `The variables nest deeper than ${MAX_VARIABLE_DEPTH} levels; no input of this API does.`, argumentName: 'variables' }
      : documentTooDeep(query);
  if (!refusal) return next();
  res
    .status(400)
    .json({ errors: [{ message: refusal.message, extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName: refusal.argumentName } }] });
};

/** Deeper than any operation on this schema nests its selections, arguments and literals together. */
export const MAX_DOCUMENT_NESTING = 64;

/**
 * A refusal for a document whose brackets ({, [, () nest deeper than `MAX_DOCUMENT_NESTING`,
 * found by one scan that skips strings and comments, before graphql-js parses it by recursion
 * (a list literal 3,000 deep ran it out of stack).
 */
export function documentTooDeep(query: unknown): { message: string; argumentName: string } | null {
  if (typeof query !== 'string') return null;
  let depth = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '#') i = endOfLine(query, i);
    else if (c === '"') i = endOfString(query, i);
    else if (c === '{' || c === '[' || c === '(') {
      if (++depth > MAX_DOCUMENT_NESTING)
        return {
          message: `The query nests brackets deeper than ${MAX_DOCUMENT_NESTING} levels; no operation on this API needs to.`,
          argumentName: 'query',
        };
    } else if (c === '}' || c === ']' || c === ')') depth = Math.max(0, depth - 1);
  }
  return null;
}

const endOfLine = (text: string, from: number): number => {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
};

/** The index of a string's closing quote (a block string's last), escapes skipped. */
function endOfString(text: string, from: number): number {
  if (text.startsWith('"""', from)) {
    const end = text.indexOf('"""', from + 3);
    return end < 0 ? text.length : end + 2;
  }
  for (let i = from + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"' || text[i] === '\n') return i;
  }
  return text.length;
}
