import { geoCentroid, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { chartFigure } from './charts';
import { el, svg } from './dom';

/**
 * The locality's wards drawn as SVG from the boundaries shipped in web/geo (no map tiles,
 * nothing from outside the hub), with hubs and estates placed at their postcodes; like every
 * chart, with a table (and CSV) of what it draws and where.
 */

export interface WardShape {
  gss: string;
  boundary: string;
}

export interface Place {
  kind: 'hub' | 'estate';
  name: string;
  postcode: string | null;
  /** Ward GSS code: where a place has no postcode position, it is drawn at its ward's centre. */
  wardGss: string | null;
}

const WIDTH = 640;
const HEIGHT = 480;

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** One thing the map draws, or could not: a row of its table. */
interface Drawn {
  kind: 'ward' | 'hub' | 'estate';
  name: string;
  code: string;
  drawnAt: string;
}

export async function drawMap(placeGss: string, wards: { gssCode: string; name: string }[], places: Place[]): Promise<HTMLElement> {
  const [all, postcodes] = await Promise.all([
    getJson<FeatureCollection<Polygon | MultiPolygon, WardShape>>(`/geo/${placeGss}.json`),
    getJson<Record<string, [number, number]>>('/geo/postcodes.json'),
  ]);
  const names = new Map(wards.map((w) => [w.gssCode, w.name]));
  const shapes = all.features.filter((f) => names.has(f.properties.gss));
  const collection: FeatureCollection<Polygon | MultiPolygon, WardShape> = { type: 'FeatureCollection', features: shapes };
  const projection = geoMercator().fitExtent(
    [
      [8, 8],
      [WIDTH - 8, HEIGHT - 8],
    ],
    collection,
  );
  const path = geoPath(projection);
  const centres = new Map(shapes.map((f) => [f.properties.gss, geoCentroid(f)]));

  const drawing = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': 'map-title' });
  drawing.append(svg('title', { id: 'map-title' }, `Map of ${shapes.length} wards with hubs and estates`));
  const drawn = new Set(shapes.map((f) => f.properties.gss));
  const rows: Drawn[] = wards.map((w) => ({
    kind: 'ward',
    name: w.name,
    code: w.gssCode,
    drawnAt: drawn.has(w.gssCode) ? 'its boundary' : 'not drawn: no boundary in the shipped data',
  }));
  for (const feature of shapes) drawing.append(wardPath(feature, path(feature) ?? '', names.get(feature.properties.gss)!));
  let unplaced = 0;
  for (const place of places) {
    const byPostcode = place.postcode ? postcodes[place.postcode] : undefined;
    const at = byPostcode ?? (place.wardGss ? centres.get(place.wardGss) : undefined);
    const point = at ? projection(at) : null;
    const code = place.postcode ?? 'no postcode';
    if (!point) {
      unplaced += 1;
      rows.push({ kind: place.kind, name: place.name, code, drawnAt: 'not drawn: no postcode or ward position' });
      continue;
    }
    drawing.append(marker(place, point[0], point[1], !byPostcode));
    rows.push({ kind: place.kind, name: place.name, code, drawnAt: byPostcode ? `its postcode, ${place.postcode}` : 'its ward centre' });
  }
  const approximate = shapes.some((f) => f.properties.boundary.includes('approximate'));
  return chartFigure({
    id: 'chart-wards',
    className: 'map',
    title: `The locality's wards (${shapes.length} of ${wards.length} drawn), with its hubs and estates`,
    chart: drawing,
    columns: [
      { label: 'Kind', value: (r: Drawn) => r.kind },
      { label: 'Name', value: (r: Drawn) => r.name },
      { label: 'Ward code or postcode', value: (r: Drawn) => r.code },
      { label: 'Drawn at', value: (r: Drawn) => r.drawnAt },
    ],
    rows,
    fileName: 'wards-hubs-estates.csv',
    notes: [
      el('p', { class: 'reason' }, el('span', { class: 'legend-hub' }, '■ hub'), ' ', el('span', { class: 'legend-estate' }, '● estate')),
      unplaced ? `${unplaced} place(s) without a postcode or ward position are not drawn.` : '',
      approximate
        ? 'Ward shapes approximated from 2011 LSOAs (the current wards have no published polygons in the shipped data).'
        : '2013 ward boundaries.',
    ].filter(Boolean),
  });
}

function wardPath(feature: Feature<Polygon | MultiPolygon, WardShape>, d: string, name: string): SVGElement {
  const group = svg('g', { class: 'ward', 'data-gss': feature.properties.gss });
  group.append(svg('path', { d }), svg('title', {}, `${name} (${feature.properties.gss}): ${feature.properties.boundary}`));
  return group;
}

function marker(place: Place, x: number, y: number, atWardCentre: boolean): SVGElement {
  const group = svg('g', { class: `marker marker-${place.kind}`, 'data-name': place.name });
  const shape =
    place.kind === 'hub'
      ? svg('rect', { x: String(x - 6), y: String(y - 6), width: '12', height: '12' })
      : svg('circle', { cx: String(x), cy: String(y), r: '6' });
  const where = atWardCentre ? 'at its ward centre (no postcode position)' : `at ${place.postcode}`;
  group.append(shape, svg('title', {}, `${place.kind === 'hub' ? 'Hub' : 'Estate'}: ${place.name}, ${where}`));
  return group;
}
