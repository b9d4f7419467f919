import type { DataCategory } from '../generated/graphql';
import type { Sql } from '../db/sql';
import { atLeast, unauthenticated, type CategoryReach, type CategoryReader, type Role } from './caller';

/**
 * What a partner organisation may read of other partners' data, from the partnerships it
 * belongs to (through itself or the organisations it succeeded) and their data-sharing
 * agreements (the `data_sharing` table; migrations/hub/…-DataSharing.ts). Read once per key
 * or token, with the key, in one statement (`hub_grants`), and kept with the verified key.
 */

interface SharingRule {
  partnership: string;
  category: DataCategory;
  /** `MEMBERS`, or an organisation's id. */
  reader: string;
  minRole: Exclude<Role, 'PUBLIC'>;
}

/** As `hub_grants(organisation)` answers. */
export interface GrantsRow {
  organisation: string;
  name: string;
  closedOn: string | null;
  successor: { id: string | null; name: string | null } | null;
  lineage: string[];
  ownCodes: string[];
  memberOf: string[];
  rules: SharingRule[];
  holders: Record<string, string[]>;
}

const MEMBERS = 'MEMBERS';

export class Grants implements CategoryReader {
  private readonly reaches = new Map<DataCategory, CategoryReach>();
  private readonly rulesByPartnership = new Map<string, SharingRule[]>();

  constructor(
    private readonly row: GrantsRow,
    private readonly role: Role,
  ) {
    for (const rule of row.rules)
      this.rulesByPartnership.set(rule.partnership, [...(this.rulesByPartnership.get(rule.partnership) ?? []), rule]);
  }

  /** The partnerships the organisation belongs to, itself or through an organisation it succeeded. */
  get partnershipIds(): string[] {
    return this.row.memberOf;
  }

  /** The partnerships whose holders share this category with the caller, and the codes of those holders (the caller's own always). */
  reach(category: DataCategory): CategoryReach {
    let reach = this.reaches.get(category);
    if (!reach) {
      const partnerships = Object.keys(this.row.holders)
        .filter((p) => this.shares(p, category))
        .sort();
      const holders = new Set([...this.row.ownCodes, ...partnerships.flatMap((p) => this.row.holders[p] ?? [])]);
      this.reaches.set(category, (reach = { partnerships: new Set(partnerships), holders }));
    }
    return reach;
  }

  /** A partnership's rule for a category: its rows where it has any, else its members at partner level. */
  private shares(partnership: string, category: DataCategory): boolean {
    const member = this.row.memberOf.includes(partnership);
    const rules = (this.rulesByPartnership.get(partnership) ?? []).filter((r) => r.category === category);
    if (rules.length === 0) return member;
    return rules.some((r) => (r.reader === MEMBERS ? member : this.row.lineage.includes(r.reader)) && atLeast(this.role, r.minRole));
  }
}

/**
 * The organisation's grants, or a refusal: a closed organisation's credentials are refused,
 * naming the date and the successor, which inherited its partnerships from that date.
 */
export function grantsFrom(row: GrantsRow | null, organisationId: string, role: Role, credential = 'key'): Grants {
  if (!row) throw unauthenticated(`The ${credential}'s organisation "${organisationId}" is not registered with the hub.`);
  if (row.closedOn) {
    const successor = row.successor?.id
      ? ` Its successor is ${row.successor.name} ("${row.successor.id}"): use a key or token issued to it.`
      : '';
    throw unauthenticated(`${row.name} closed on ${row.closedOn}; its keys and tokens are no longer accepted.${successor}`);
  }
  return new Grants(row, role);
}

/** For a token, whose organisation is read apart from any key. */
export async function readGrants(hub: Sql, organisationId: string, role: Role): Promise<Grants> {
  const [found] = await hub.query<{ grants: GrantsRow | null }>(`SELECT hub_grants($1) AS grants`, [organisationId]);
  return grantsFrom(found?.grants ?? null, organisationId, role, 'token');
}
