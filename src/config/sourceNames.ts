/** The hub's sources, and the kind of system each is (what an error or /health/ready names beside it). */

export type SourceName = 'hub' | 'ccg' | 'council' | 'trust';
export const SOURCE_NAMES: readonly SourceName[] = ['hub', 'ccg', 'council', 'trust'];

export const SOURCE_KINDS: Record<SourceName, string> = {
  hub: 'hub-registry',
  ccg: 'ccg-primary-care',
  council: 'council-registers',
  trust: 'trust-sites',
};
