import { sourceOfRow } from '../../db/rowSource';
import { COUNCIL_KIND } from './mapper';
import type { Sql } from '../../db/sql';
import { manyByKey, oneByKey } from '../../loaders/batch';
import type { ActivityModel, FeedbackModel } from '../../model/engagement';
import type { Provenance } from '../../model/types';

/** The council's engagement log: activities, and "you said, we did" records. */

interface ActivityRow {
  activity_ref: string;
  kind: string;
  title: string;
  audience: string | null;
  locality_code: string | null;
  held_on: string | null;
  held_text: string | null;
  description: string | null;
  updated_at: Date;
}

interface FeedbackRow {
  record_ref: string;
  activity_ref: string | null;
  you_said: string;
  we_did: string;
  action_ref: string | null;
  service_source: string | null;
  service_key: string | null;
  updated_at: Date;
}

const provenance = (row: object, table: string, key: string, at: Date): Provenance[] => [
  { source: sourceOfRow(row), kind: COUNCIL_KIND, table, nativeKey: key, lastChangedAt: at },
];

const toActivity = (r: ActivityRow): ActivityModel => ({
  id: r.activity_ref,
  kind: r.kind,
  title: r.title,
  audience: r.audience,
  localityCode: r.locality_code,
  heldOn: r.held_on,
  heldText: r.held_text,
  description: r.description,
  sources: provenance(r, 'engagement_activity', r.activity_ref, r.updated_at),
});

const toFeedback = (r: FeedbackRow): FeedbackModel => ({
  id: r.record_ref,
  youSaid: r.you_said,
  weDid: r.we_did,
  activityRef: r.activity_ref,
  actionRef: r.action_ref,
  service: r.service_source && r.service_key ? { source: r.service_source, key: r.service_key } : null,
  sources: provenance(r, 'you_said_we_did', r.record_ref, r.updated_at),
});

export function createEngagementLoaders(sql: Sql) {
  const mapped =
    <R, M>(text: string, map: (r: R) => M) =>
    async (keys: string[]) =>
      (await sql.query<R>(text, [keys])).map(map);
  return {
    activityByRef: oneByKey(
      'council.activityByRef',
      mapped(`SELECT * FROM engagement_activity WHERE withdrawn_at IS NULL AND activity_ref = ANY($1)`, toActivity),
      (a) => a.id,
    ),
    activitiesByLocality: manyByKey(
      'council.activitiesByLocality',
      mapped(`SELECT * FROM engagement_activity WHERE withdrawn_at IS NULL AND locality_code = ANY($1) ORDER BY activity_ref`, toActivity),
      (a) => a.localityCode ?? '',
    ),
    feedbackByRef: oneByKey(
      'council.feedbackByRef',
      mapped(`SELECT * FROM you_said_we_did WHERE withdrawn_at IS NULL AND record_ref = ANY($1)`, toFeedback),
      (f) => f.id,
    ),
    feedbackByActivity: manyByKey(
      'council.feedbackByActivity',
      mapped(`SELECT * FROM you_said_we_did WHERE withdrawn_at IS NULL AND activity_ref = ANY($1) ORDER BY record_ref`, toFeedback),
      (f) => f.activityRef ?? '',
    ),
    allActivities: async () =>
      (await sql.query<ActivityRow>(`SELECT * FROM engagement_activity WHERE withdrawn_at IS NULL ORDER BY activity_ref`)).map(toActivity),
  };
}
