/**
 * Writes the dashboard's map data (web/geo/) from the reference folder, which users of this
 * repository do not have; the output is committed. Run: npx tsx scripts/web/geography.ts [reference dir]
 *
 * - web/geo/<LAD GSS>.json: the demo's wards of each place as GeoJSON. Where the 2013 ward
 *   polygons carry the demo's ward codes (Thurrock, Southend-on-Sea, Castle Point) they are
 *   used as they are; Purbeck (re-warded 2015) and Rochford (2016) have no later ward polygons
 *   in the reference data, so their wards are the 2011 LSOAs that ONS's best-fit lookup assigns
 *   to each ward, dissolved (an approximation, marked in each feature's `boundary`).
 * - web/geo/postcodes.json: the position of every postcode the demo's hubs, services and
 *   estates carry, from OS Code-Point Open.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { merge } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';

const ROOT = path.resolve(__dirname, '../..');
const REFERENCE = path.resolve(process.argv[2] ?? path.join(ROOT, '../shared/data/reference'));
const OUT = path.join(ROOT, 'web/geo');

type Row = Record<string, string>;
const csv = (file: string): Row[] => parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Row[];
const geojson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, Row>;

const round = (p: Position): Position => [Math.round(p[0]! * 1e5) / 1e5, Math.round(p[1]! * 1e5) / 1e5];
function rounded(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(round)) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(round))) };
}

interface WardProperties {
  gss: string;
  boundary: string;
}

function wardsOf(lad: string, wardCodes: Set<string>, lsoaWard: Map<string, string>): Feature<Polygon | MultiPolygon, WardProperties>[] {
  const wards2013 = geojson(path.join(REFERENCE, 'geography/boundaries', `wards2013_${lad}.geojson`));
  const direct = wards2013.features.filter((f) => wardCodes.has(f.properties.WD13CD!));
  if (direct.length === wardCodes.size) {
    return direct.map((f) => ({
      type: 'Feature',
      properties: { gss: f.properties.WD13CD!, boundary: '2013 ward boundary (same ward code)' },
      geometry: rounded(f.geometry),
    }));
  }
  const lsoas = geojson(path.join(REFERENCE, 'geography/boundaries', `lsoa2011_${lad}.geojson`));
  const topo = topology({ lsoas }) as Topology<{ lsoas: GeometryCollection<Row> }>;
  return [...wardCodes].map((gss) => {
    const members = topo.objects.lsoas.geometries.filter((g) => lsoaWard.get((g.properties as Row).LSOA11CD!) === gss);
    if (members.length === 0) throw new Error(`No LSOA of ${lad} is assigned to ward ${gss}`);
    const geometry = merge(topo, members as never) as MultiPolygon;
    return {
      type: 'Feature',
      properties: { gss, boundary: '2011 LSOAs assigned to the ward by the ONS best-fit lookup, dissolved (approximate)' },
      geometry: rounded(geometry),
    };
  });
}

function main(): void {
  const demo = path.join(ROOT, 'data/demo');
  const wards = csv(path.join(demo, 'council/ward.csv'));
  const lsoaWard = new Map(csv(path.join(REFERENCE, 'geography/lsoa11_selected_with_centroids.csv')).map((r) => [r.LSOA11CD!, r.WD18CD!]));
  const lads = [...new Set(wards.map((w) => w.lad_gss!))];
  for (const lad of lads) {
    const codes = new Set(wards.filter((w) => w.lad_gss === lad).map((w) => w.gss_code!));
    const collection = { type: 'FeatureCollection', features: wardsOf(lad, codes, lsoaWard) };
    writeFileSync(path.join(OUT, `${lad}.json`), JSON.stringify(collection));
  }

  const postcodes = new Set<string>();
  for (const [file, column] of [
    ['ccg/gp_hub.csv', 'postcode'],
    ['ccg/commissioned_service.csv', 'postcode'],
    ['ccg/practice.csv', 'postcode'],
    ['council/property.csv', 'postcode'],
    ['trust/site.csv', 'postcode'],
  ] as const) {
    for (const row of csv(path.join(demo, file))) if (row[column]) postcodes.add(row[column]!);
  }
  const positions: Record<string, [number, number]> = {};
  for (const row of csv(path.join(REFERENCE, 'postcodes/codepoint_open_2018-07_selected_lads.csv'))) {
    if (postcodes.has(row.Postcode_normalised!))
      positions[row.Postcode_normalised!] = [Number(row.longitude_wgs84_derived), Number(row.latitude_wgs84_derived)];
  }
  const sorted = Object.fromEntries(Object.entries(positions).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(path.join(OUT, 'postcodes.json'), `${JSON.stringify(sorted, null, 0)}\n`);
  process.stdout.write(`${lads.length} places, ${Object.keys(sorted).length} of ${postcodes.size} postcodes placed\n`);
}

main();
