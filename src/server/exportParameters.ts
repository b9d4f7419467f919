import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './errors';

/**
 * An export's errors in the terms of its URL: graphql-js names the operation's variables
 * (`$id`), which the caller never typed; the caller gave query parameters (`indicator=`).
 */
export function inParameterTerms(
  exportName: string,
  errors: readonly GraphQLFormattedError[],
  parameters: Readonly<Record<string, string>> = {},
): GraphQLFormattedError[] {
  return errors.map((error) => {
    const match = /^Variable "\$(\w+)" got invalid value (.*?); (.*)$/s.exec(error.message);
    const parameter = match ? parameters[match[1]!] : undefined;
    if (!match || !parameter) return error;
    const [, , value, reason] = match;
    const message =
      value === 'undefined' || value === 'null'
        ? `The ${exportName} export needs the "${parameter}" parameter: /export/${exportName}.csv?${parameter}=...`
        : `The "${parameter}" parameter is not valid (${value}): ${(reason ?? '').replace(/"\$\w+"/g, `"${parameter}"`)}`;
    const { locations: _locations, ...rest } = error;
    return { ...rest, message, extensions: { ...error.extensions, code: ErrorCode.BAD_USER_INPUT, argumentName: parameter } };
  });
}
