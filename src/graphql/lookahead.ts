import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Answers per field of the query, as graphql-js resolves one field for every item of a
 * list with the same `fieldNodes` (a page of 100 localities asks about its wards 100 times).
 */
const answered = new WeakMap<readonly FieldNode[], Map<string, boolean>>();

function remembered(info: GraphQLResolveInfo, question: string, answer: () => boolean): boolean {
  let known = answered.get(info.fieldNodes);
  if (!known) answered.set(info.fieldNodes, (known = new Map<string, boolean>()));
  let found = known.get(question);
  if (found === undefined) known.set(question, (found = answer()));
  return found;
}

/**
 * Whether the field being resolved selects a child field `name`, directly or through
 * fragments, so its resolver can read that child with the parent in one statement.
 * `@skip`/`@include` are not evaluated: a child they leave out is read for nothing, never missed.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return remembered(info, `child:${name}`, () => selects(info, name));
}

function selects(info: GraphQLResolveInfo, name: string): boolean {
  const within = (set: SelectionSetNode | undefined): boolean =>
    set !== undefined &&
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet);
      return within(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}

/** Whether the field asks for `name` at any depth below it (through fragments too). */
export function selectsFieldBelow(info: GraphQLResolveInfo, name: string): boolean {
  return remembered(info, `below:${name}`, () => selectsBelow(info, name));
}

function selectsBelow(info: GraphQLResolveInfo, name: string): boolean {
  const within = (set: SelectionSetNode | undefined): boolean =>
    set !== undefined &&
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name || within(selection.selectionSet);
      if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet);
      return within(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => within(node.selectionSet));
}
