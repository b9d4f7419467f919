import DataLoader from 'dataloader';
import type { Sql } from '../db/sql';
import type { SourceLoaders } from '../loaders';
import { batchOptions, compositeKey } from '../loaders/batch';
import type { ActivityModel, FeedbackModel } from '../model/engagement';
import type { ActionModel, ActionStatusModel, AmbitionModel, ObjectiveModel, PlanModel, RagName } from '../model/plans';
import type { EstateStatus, OrganisationKind, OrganisationModel, WardModel } from '../model/types';
import type { RecordTable } from './adapter';

/**
 * What a partner system may hold beside its hub, service and estate records: each an
 * optional slot of a source's adapter (src/sources/adapter.ts), filled by its kind where its
 * system has it. Shared code asks the sources that offer a capability, merged into one view
 * per request (`loaders.across(name)`, src/loaders/merge.ts: each source asked once per batch,
 * an unavailable one adding nothing) or one by one, and never names a kind.
 */

/** Areas: the wards a source's register describes, with their populations. */
export interface AreaLoaders {
  /** A ward by its GSS code, as the shared model's ward. */
  wardByGss: DataLoader<string, WardModel | null>;
}

export interface OrganisationLoaders {
  /** An organisation the source holds, by its code. */
  organisationByCode: DataLoader<string, OrganisationModel | null>;
  /** The codes of every organisation of a kind the source holds; none for another kind. */
  codesOfKind: DataLoader<OrganisationKind, string[]>;
}

/** A page of the organisations a source holds, among given codes, in id order after a cursor. */
export interface OrganisationPageQuery {
  codes: readonly string[];
  afterId: string | null;
  limit: number;
}

/**
 * Organisations a source holds that the hub's registry need not list (a commissioner's GP
 * practices): found by code, by the id the source gives them, and listed beside the registry's.
 */
export interface HeldOrganisations {
  /** The kind of organisation it holds. */
  kind: OrganisationKind;
  /** Whether a code has the form of its organisations' codes: others are not asked for. */
  holdsCode(code: string): boolean;
  /** The code an id of one of its organisations names; null for any other id. */
  codeOfId(id: string): string | null;
  loaders(loaders: SourceLoaders): OrganisationLoaders;
  /** The page (at most `limit`, in id order) and how many of `codes` it holds, in one statement each. */
  page(sql: Sql, query: OrganisationPageQuery): Promise<{ organisations: OrganisationModel[]; count: number }>;
}

/** The loader key of "organisations leading an action with this RAG in this period". */
export const ragLeadKey = (rag: RagName, period: string): string => compositeKey(rag, period);

export interface PlanLoaders {
  planByRef: DataLoader<string, PlanModel | null>;
  plansByPartnership: DataLoader<string, PlanModel[]>;
  objectiveByRef: DataLoader<string, ObjectiveModel | null>;
  objectivesByPlan: DataLoader<string, ObjectiveModel[]>;
  ambitionsByObjective: DataLoader<string, AmbitionModel[]>;
  actionByRef: DataLoader<string, ActionModel | null>;
  actionsByObjective: DataLoader<string, ActionModel[]>;
  actionsByPlan: DataLoader<string, ActionModel[]>;
  statusesByAction: DataLoader<string, ActionStatusModel[]>;
  /** `ragLeadKey(rag, period)` → the codes of organisations leading an action with that status then. */
  leadCodesWithRag: DataLoader<string, string[]>;
}

/** A table paged in key order by the shared root-list paging (src/resolvers/paging.ts), and its rows' models. */
export interface PagedTable<M> {
  from: string;
  key: string;
  where?: string;
  map(row: Record<string, unknown>): M;
}

/** A typed row mapper as a paged table's: the rows are the table's, as the kind declares. */
export const pagedTable = <Row, M>(table: Omit<PagedTable<M>, 'map'>, map: (row: Row) => M): PagedTable<M> => ({
  ...table,
  map: (row) => map(row as Row),
});

/** Delivery plans and their actions' RAG: read, listed, and a status written. */
export interface HeldPlans {
  loaders(loaders: SourceLoaders): PlanLoaders;
  /** The root list of plans. */
  list: PagedTable<PlanModel>;
  /** Where an action's status for a period is written (src/writes/actionStatus.ts), and the row read back. */
  statusWrite: {
    table: string;
    key(actionRef: string, period: string): Record<string, string>;
    values(rag: RagName, comment: string | null): Record<string, string | null>;
    /** The written row (marked with its source, src/db/rowSource.ts) as a status. */
    toModel(row: object): ActionStatusModel;
  };
}

export interface EngagementLoaders {
  activityByRef: DataLoader<string, ActivityModel | null>;
  activitiesByLocality: DataLoader<string, ActivityModel[]>;
  feedbackByRef: DataLoader<string, FeedbackModel | null>;
  feedbackByActivity: DataLoader<string, FeedbackModel[]>;
  allActivities(): Promise<ActivityModel[]>;
}

/**
 * An estate register partners change through the hub (`updateEstateStatus`): whose entry
 * each record is, and which statuses and fields it keeps.
 */
export interface EstateWrites {
  /** Its estate record table: the row written is the record's, by its key column. */
  records: RecordTable<'ESTATE'>;
  /** What it is, as an error names it: "A council property register". */
  register: string;
  statuses: readonly EstateStatus[];
  /** The column of a proposed reuse, if it records one. */
  proposedReuseColumn?: string;
  /** The code (ODS, GSS) of the organisation whose entry a record is; null when there is none. */
  holderOf(loaders: SourceLoaders, key: string): Promise<string | null>;
}

/** The capabilities whose loaders `loaders.across(name)` merges over the sources that offer them. */
export interface CapabilityLoaders {
  areas: AreaLoaders;
  organisations: OrganisationLoaders;
  plans: PlanLoaders;
  engagement: EngagementLoaders;
}

export type CapabilityName = keyof CapabilityLoaders;

const noRow = <K, V>(name: string) =>
  new DataLoader<K, V | null>(async (keys) => keys.map(() => null), { name: `none.${name}`, ...batchOptions() });
const noRows = <K, V>(name: string) =>
  new DataLoader<K, V[]>(async (keys) => keys.map(() => []), { name: `none.${name}`, ...batchOptions() });

/** Each capability's loaders where no configured source offers it: nothing is found, and nothing is asked. */
export const NO_SOURCE_OFFERS: { [N in CapabilityName]: () => CapabilityLoaders[N] } = {
  areas: () => ({ wardByGss: noRow('wardByGss') }),
  organisations: () => ({ organisationByCode: noRow('organisationByCode'), codesOfKind: noRows('codesOfKind') }),
  plans: () => ({
    planByRef: noRow('planByRef'),
    plansByPartnership: noRows('plansByPartnership'),
    objectiveByRef: noRow('objectiveByRef'),
    objectivesByPlan: noRows('objectivesByPlan'),
    ambitionsByObjective: noRows('ambitionsByObjective'),
    actionByRef: noRow('actionByRef'),
    actionsByObjective: noRows('actionsByObjective'),
    actionsByPlan: noRows('actionsByPlan'),
    statusesByAction: noRows('statusesByAction'),
    leadCodesWithRag: noRows('leadCodesWithRag'),
  }),
  engagement: () => ({
    activityByRef: noRow('activityByRef'),
    activitiesByLocality: noRows('activitiesByLocality'),
    feedbackByRef: noRow('feedbackByRef'),
    feedbackByActivity: noRows('feedbackByActivity'),
    allActivities: async () => [],
  }),
};
