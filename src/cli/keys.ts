import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { issueApiKey, revokeApiKey } from '../auth/apiKeys';
import { loadConfig } from '../config/config';
import { createLogger } from '../observability/logger';
import { openConfiguredDatabases } from '../runtime';

const USAGE = `Usage:
  npm run keys -- issue --org <organisation id, ODS code or GSS code> --role <ANALYST|EDITOR|ADMIN> --label <text> [--days 90]
  npm run keys -- revoke --id <key id>
  npm run keys -- list
  npm run keys -- --help

The key is printed once, at issue; only a hash of it is stored. ADMIN keys need no --org.`;

class UsageError extends Error {}

const ROLES = ['ANALYST', 'EDITOR', 'ADMIN'] as const;

/**
 * The organisation `--org` names: its id in the hub, or its ODS or GSS code (the codes the
 * docs' examples name, e.g. 07G or E06000034), as long as the code names only one.
 */
async function organisationFor(hub: DataSource, org: string): Promise<{ id: string; name: string }> {
  const found = await hub.query<{ id: string; name: string }[]>(
    `SELECT id, name FROM partner_organisation
      WHERE id = $1 OR upper(ods_code) = upper($1) OR upper(gss_code) = upper($1)
      ORDER BY (id = $1) DESC, id`,
    [org],
  );
  if (found.length === 0) throw new UsageError(`No partner organisation has the id, ODS code or GSS code "${org}".`);
  if (found.length > 1 && found[0]!.id !== org)
    throw new UsageError(`"${org}" is the code of several organisations: give one of their ids (${found.map((o) => o.id).join(', ')}).`);
  return found[0]!;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      org: { type: 'string' },
      role: { type: 'string' },
      label: { type: 'string' },
      days: { type: 'string', default: '90' },
      id: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  const command = positionals[0];
  if (values.help || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!command || !['issue', 'revoke', 'list'].includes(command)) throw new UsageError('Say issue, revoke or list.');
  const config = loadConfig();
  const opened = await openConfiguredDatabases(config, createLogger('warn'));
  const hub = opened.databases.hub;
  try {
    if (command === 'issue') {
      const role = ROLES.find((r) => r === values.role?.toUpperCase());
      if (!role) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
      if (!values.label) throw new UsageError('--label is required (who or what the key is for).');
      const days = Number(values.days);
      if (!Number.isInteger(days) || days < 1 || days > 730) throw new UsageError('--days must be a whole number from 1 to 730.');
      if (role !== 'ADMIN' && !values.org) throw new UsageError('--org is required for ANALYST and EDITOR keys.');
      const organisation = values.org ? await organisationFor(hub, values.org) : null;
      const key = await issueApiKey(hub, { organisationId: organisation?.id ?? null, role, label: values.label, expiresInDays: days });
      process.stdout.write(
        `${key.token}\nKey ${key.id} for ${organisation ? `${organisation.name} (${organisation.id})` : 'the hub'} as ${role}, expires ${key.expiresAt.toISOString()}. It is shown only now.\n`,
      );
    } else if (command === 'revoke') {
      if (!values.id) throw new UsageError('--id is required.');
      if (!(await revokeApiKey(hub, values.id))) {
        const [known] = await hub.query<{ revoked_at: Date | null }[]>(`SELECT revoked_at FROM api_key WHERE id = $1`, [values.id]);
        throw new Error(
          known
            ? `Key ${values.id} was already revoked at ${known.revoked_at!.toISOString()}.`
            : `No key has id "${values.id}" (npm run keys -- list shows them).`,
        );
      }
      process.stdout.write(`Key ${values.id} revoked.\n`);
    } else {
      const rows = await hub.query<
        { id: string; organisation_id: string | null; role: string; label: string; expires_at: Date; revoked_at: Date | null }[]
      >(`SELECT id, organisation_id, role, label, expires_at, revoked_at FROM api_key ORDER BY created_at`);
      for (const r of rows) {
        const state = r.revoked_at ? 'revoked' : r.expires_at <= new Date() ? 'expired' : `expires ${r.expires_at.toISOString()}`;
        process.stdout.write(`${r.id}  ${r.role.padEnd(7)}  ${(r.organisation_id ?? '-').padEnd(30)}  ${state}  ${r.label}\n`);
      }
    }
    return 0;
  } finally {
    await opened.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`${(error as Error).message}\n${usage ? `\n${USAGE}\n` : ''}`);
    process.exit(usage ? 2 : 1);
  },
);
