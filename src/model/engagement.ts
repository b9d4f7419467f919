import type { Provenance } from './types';

/**
 * Engagement as the shared model holds it: activities with the public, and the "you said,
 * we did" records that answer them. A source whose system logs engagement fills the
 * `engagement` capability (src/sources/capabilities.ts) with them.
 */

export interface ActivityModel {
  id: string;
  kind: string;
  title: string;
  audience: string | null;
  localityCode: string | null;
  heldOn: string | null;
  heldText: string | null;
  description: string | null;
  sources: Provenance[];
}

export interface FeedbackModel {
  id: string;
  youSaid: string;
  weDid: string;
  activityRef: string | null;
  actionRef: string | null;
  service: { source: string; key: string } | null;
  sources: Provenance[];
}
