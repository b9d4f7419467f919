import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { HubContext } from './context';
import { ErrorCode } from './errors';

/**
 * Allow-list mode for production dashboards: only registered operations run. The list is a
 * JSON file of operation texts (or of their SHA-256 hex digests); an operation is matched
 * by the SHA-256 of its text as sent.
 */

export const operationHash = (text: string): string => createHash('sha256').update(text.trim()).digest('hex');

export function readAllowList(file: string): Set<string> {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new Error(`${file} must be a JSON array of operation texts or SHA-256 digests`);
  }
  return new Set(parsed.map((item) => (/^[0-9a-f]{64}$/.test(item) ? item : operationHash(item))));
}

export function allowListPlugin(allowed: ReadonlySet<string>): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        // Checked here, not on the raw source, because Apollo honours the error's HTTP status here.
        async didResolveOperation({ source }) {
          if (allowed.has(operationHash(source))) return;
          throw new GraphQLError('Only registered operations may run on this hub (allow-list mode).', {
            extensions: { code: ErrorCode.OPERATION_NOT_ALLOWED, http: { status: 403 } },
          });
        },
      };
    },
  };
}
