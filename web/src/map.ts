import { geoCentroid, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { el, svg } from './dom';

/**
 * The locality's wards drawn as SVG from the boundaries shipped in web/geo (no map tiles,
 * nothing from outside the hub), with hubs and estates placed at their postcodes.
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

  const figure = el('figure', { class: 'map' });
  const drawing = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': 'map-title' });
  drawing.append(svg('title', { id: 'map-title' }, `Map of ${shapes.length} wards with hubs and estates`));
  for (const feature of shapes) drawing.append(wardPath(feature, path(feature) ?? '', names.get(feature.properties.gss)!));
  let unplaced = 0;
  for (const place of places) {
    const at = (place.postcode && postcodes[place.postcode]) || (place.wardGss ? centres.get(place.wardGss) : undefined);
    const point = at ? projection(at) : null;
    if (!point) {
      unplaced += 1;
      continue;
    }
    drawing.append(marker(place, point[0], point[1], !(place.postcode && postcodes[place.postcode])));
  }
  const approximate = shapes.some((f) => f.properties.boundary.includes('approximate'));
  figure.append(
    drawing,
    el(
      'figcaption',
      {},
      el('span', { class: 'legend-hub' }, '■ hub'),
      ' ',
      el('span', { class: 'legend-estate' }, '● estate'),
      ` · ${shapes.length} of ${wards.length} wards drawn`,
      unplaced ? ` · ${unplaced} place(s) without a postcode or ward position are not drawn` : '',
      approximate
        ? ' · ward shapes approximated from 2011 LSOAs (the current wards have no published polygons in the shipped data)'
        : ' · 2013 ward boundaries',
    ),
  );
  return figure;
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
