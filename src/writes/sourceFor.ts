import { forbidden } from '../auth/caller';
import { codesOf } from '../model/lookups';
import type { OrganisationModel } from '../model/types';
import type { HubContext } from '../server/context';
import { badUserInput } from '../server/errors';
import type { PartnerSource } from '../sources/registry';

/**
 * The source a change of this kind is written to. A partner writes to the source of the kind
 * that declares its organisation (the sources file's `organisations`); where no source of the
 * kind declares any, the only one there is. An administrator writes where the kind has one
 * source. Anything else is ambiguous and refused, never guessed.
 */
export function sourceToWrite(ctx: HubContext, kindId: string, org: OrganisationModel | null, what: string): PartnerSource {
  const ofKind = ctx.loaders.partners.filter((p) => p.kind.id === kindId);
  if (org) {
    const mine = codesOf(org);
    const declared = ofKind.filter((p) => p.organisations.some((code) => mine.includes(code)));
    const undeclared = ofKind.filter((p) => p.organisations.length === 0);
    const chosen = declared.length > 0 ? declared : undeclared;
    if (chosen.length === 1) return chosen[0]!;
    throw forbidden(
      chosen.length === 0
        ? `No configured ${kindId} source holds ${org.name}'s data, so ${what} cannot be written.`
        : `Several ${kindId} sources (${chosen.map((p) => p.id).join(', ')}) could hold ${org.name}'s data: declare its organisations in the sources file.`,
    );
  }
  if (ofKind.length === 1) return ofKind[0]!;
  throw badUserInput(
    'input',
    ofKind.length === 0
      ? `No ${kindId} source is configured, so ${what} cannot be written.`
      : `Several ${kindId} sources (${ofKind.map((p) => p.id).join(', ')}) are configured: write as the partner whose source it is.`,
  );
}
