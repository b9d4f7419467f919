import { getDirective } from '@graphql-tools/utils';
import { getNamedType, getNullableType, isInterfaceType, isLeafType, isListType, isObjectType, type GraphQLNamedType } from 'graphql';
import { buildSchema } from '../src/graphql/schema';

/**
 * The cost limit counts every list (src/server/queryCost.ts): a paged list by its page, an
 * unpaged one by its declared `@listSize`. A list of objects that is neither would count as
 * one row, and a nest of them escaped the limit (30 aliases of structures → parents →
 * children took 2.8 s each), so the schema is walked for any.
 */
const schema = buildSchema();
const fieldsOf = (type: GraphQLNamedType) => (isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : []);
const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));

/** The types a paged field returns: their `edges` and `nodes` are the page itself, counted where it is asked for. */
const pages = new Set(
  types.flatMap((t) =>
    fieldsOf(t)
      .filter((f) => f.args.some((a) => a.name === 'first'))
      .map((f) => getNamedType(f.type).name),
  ),
);

test('every list of objects in the schema is paged, a page, or declares its assumed size', () => {
  const uncounted = types.flatMap((type) =>
    fieldsOf(type)
      .filter((field) => isListType(getNullableType(field.type)) && !isLeafType(getNamedType(field.type)))
      .filter((field) => !field.args.some((a) => a.name === 'first') && !pages.has(type.name))
      .filter((field) => getDirective(schema, field, 'listSize')?.[0]?.['assumedSize'] === undefined)
      .map((field) => `${type.name}.${field.name}`),
  );
  expect(uncounted).toEqual([]);
  expect(pages.size).toBeGreaterThan(10); // the walk found the connections it exempts
});
