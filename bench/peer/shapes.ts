import { fromGlobalId } from '../../src/graphql/globalId';

/**
 * The shapes the hub and PostGraphile both answer from the hub registry: each as the hub's
 * GraphQL document and PostGraphile's (Amber preset with simplify-inflection names), and
 * how each answer becomes the same canonical rows, so the benchmark can check that both
 * returned the same rows before it times them. Lists the schema orders (pages, by primary
 * key in both: the scale databases collate as C) keep their order; lists within a row
 * (a partnership's members, a locality's wards) are compared as sets, since their order is
 * presentation in both.
 */

export type ShapeId = 'PA' | 'PB' | 'PC' | 'PD';

export interface Shape {
  id: ShapeId;
  title: string;
  hubQuery: string;
  peerQuery: string;
  /** Walks the pages (for paged shapes) through the server's own cursors; null for keyed shapes. */
  pages: { hub: (data: unknown) => PageInfo; peer: (data: unknown) => PageInfo } | null;
  hubRows(data: unknown): unknown;
  peerRows(data: unknown): unknown;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => value as Json;
const list = (value: unknown): Json[] => value as Json[];
const localId = (globalId: unknown): string => fromGlobalId(String(globalId)).localId;
const sorted = <T>(rows: T[]): T[] =>
  rows
    .map((r) => JSON.stringify(r))
    .sort()
    .map((s) => JSON.parse(s) as T);
const pageInfo = (connection: unknown): PageInfo => obj(obj(connection).pageInfo) as unknown as PageInfo;

const ORGANISATION: Shape = {
  id: 'PA',
  title: '(a) one organisation by ODS code with its partnerships',
  hubQuery: `query PeerA($ods: String!) { partnerOrganisation(odsCode: $ods) { name odsCode gssCode partnerships(first: 100) { nodes { id name } } } }`,
  peerQuery: `query PeerA($ods: String!) { partnerOrganisationByOdsCode(odsCode: $ods) { name odsCode gssCode partnershipMembersByOrganisationId { nodes { partnership { rowId name } } } } }`,
  pages: null,
  hubRows: (data) => {
    const o = obj(data).partnerOrganisation;
    if (!o) return null;
    const partnerships = list(obj(obj(o).partnerships).nodes).map((p) => [localId(p.id), p.name]);
    return { name: obj(o).name, odsCode: obj(o).odsCode, gssCode: obj(o).gssCode, partnerships: sorted(partnerships) };
  },
  peerRows: (data) => {
    const o = obj(data).partnerOrganisationByOdsCode;
    if (!o) return null;
    const partnerships = list(obj(obj(o).partnershipMembersByOrganisationId).nodes).map((m) => [
      obj(m.partnership).rowId,
      obj(m.partnership).name,
    ]);
    return { name: obj(o).name, odsCode: obj(o).odsCode, gssCode: obj(o).gssCode, partnerships: sorted(partnerships) };
  },
};

const LOCALITIES: Shape = {
  id: 'PB',
  title: "(b) 100 localities with their wards' codes and partnership name",
  hubQuery: `query PeerB($after: String) { localities(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { code name wards(first: 100) { nodes { gssCode } } partnership { name } } } }`,
  peerQuery: `query PeerB($after: Cursor) { localities(first: 100, after: $after, orderBy: PRIMARY_KEY_ASC) { pageInfo { hasNextPage endCursor } nodes { code name localityWards { nodes { wardGss } } partnership { name } } } }`,
  pages: { hub: (data) => pageInfo(obj(data).localities), peer: (data) => pageInfo(obj(data).localities) },
  hubRows: (data) =>
    list(obj(obj(data).localities).nodes).map((l) => [
      l.code,
      l.name,
      sorted(list(obj(l.wards).nodes).map((w) => w.gssCode)),
      l.partnership ? obj(l.partnership).name : null,
    ]),
  peerRows: (data) =>
    list(obj(obj(data).localities).nodes).map((l) => [
      l.code,
      l.name,
      sorted(list(obj(l.localityWards).nodes).map((w) => w.wardGss)),
      l.partnership ? obj(l.partnership).name : null,
    ]),
};

const PARTNERSHIPS: Shape = {
  id: 'PC',
  title: '(c) 20 partnerships → members → organisation name and codes',
  hubQuery: `query PeerC($after: String) { partnerships(first: 20, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name members(first: 100) { nodes { name odsCode gssCode } } } } }`,
  peerQuery: `query PeerC($after: Cursor) { partnerships(first: 20, after: $after, orderBy: PRIMARY_KEY_ASC) { pageInfo { hasNextPage endCursor } nodes { rowId name partnershipMembers { nodes { organisation { name odsCode gssCode } } } } } }`,
  pages: { hub: (data) => pageInfo(obj(data).partnerships), peer: (data) => pageInfo(obj(data).partnerships) },
  hubRows: (data) =>
    list(obj(obj(data).partnerships).nodes).map((p) => [
      localId(p.id),
      p.name,
      sorted(list(obj(p.members).nodes).map((o) => [o.name, o.odsCode, o.gssCode])),
    ]),
  peerRows: (data) =>
    list(obj(obj(data).partnerships).nodes).map((p) => [
      p.rowId,
      p.name,
      sorted(
        list(obj(p.partnershipMembers).nodes).map((m) => {
          const o = obj(m.organisation);
          return [o.name, o.odsCode, o.gssCode];
        }),
      ),
    ]),
};

/** What a request costs before any resolver runs: parsing, validation, the HTTP path. */
const TYPENAME: Shape = {
  id: 'PD',
  title: '(d) the fixed cost of a request: `{ __typename }`',
  hubQuery: '{ __typename }',
  peerQuery: '{ __typename }',
  pages: null,
  hubRows: (data) => data,
  peerRows: (data) => data,
};

export const SHAPES: readonly Shape[] = [ORGANISATION, LOCALITIES, PARTNERSHIPS, TYPENAME];
