// convert.js turns Natural Earth country shapes, as the world-atlas npm
// package ships them in TopoJSON, into internal/charts/world.json: the
// one geometry file r2p draws every map from. It is run by hand, once per
// Natural Earth release, never during a build; see README.md beside it.
//
// What it does, and why:
//   - keeps the 1:110m topology (shared borders are stored once, as arcs),
//     re-quantised to hundredths of a degree, so that the file stays small
//     and neighbouring countries still meet exactly after projection;
//   - keys each shape by ISO 3166-1 alpha-3, mapping world-atlas's ISO
//     numeric ids through internal/registry/states.csv;
//   - folds Northern Cyprus into Cyprus and Somaliland into Somalia, whose
//     territory the UN counts them as, dissolving the border between them;
//   - drops Antarctica, which no state's status can colour;
//   - keeps other areas without a registry entry (Greenland, Western
//     Sahara, Taiwan, ...) as unlinked background shapes, so the map has no
//     holes;
//   - gives every registry state missing from the 1:110m shapes a dot: the
//     centroid of its largest polygon in the 1:10m shapes.
//
// Usage (from the repository root):
//   node tools/worldmap/convert.js /tmp/wa/node_modules > internal/charts/world.json
'use strict';

const fs = require('fs');
const path = require('path');

const modules = process.argv[2];
if (!modules) {
  console.error('usage: node tools/worldmap/convert.js NODE_MODULES_DIR > internal/charts/world.json');
  process.exit(2);
}
const topojson = require(path.join(modules, 'topojson-client'));
const atlas = (name) => JSON.parse(fs.readFileSync(path.join(modules, 'world-atlas', name), 'utf8'));
const atlasVersion = JSON.parse(fs.readFileSync(path.join(modules, 'world-atlas', 'package.json'), 'utf8')).version;

const registryCSV = fs.readFileSync(path.join(__dirname, '..', '..', 'internal', 'registry', 'states.csv'), 'utf8');
const byNumeric = new Map();
for (const line of registryCSV.trim().split('\n').slice(1)) {
  const [code, numeric] = line.split(',');
  byNumeric.set(numeric, code);
}

const SCALE = 100; // coordinates are stored in hundredths of a degree
const ANTARCTICA = '010';
const FOLD = { 'N. Cyprus': '196', 'Somaliland': '706' }; // name -> numeric id of the state it is folded into

const t110 = atlas('countries-110m.json');
const geoms = t110.objects.countries.geometries;

// Decode the arcs to degrees, then to integer hundredths, dropping points
// that the coarser grid makes repeat.
const arcs = t110.arcs.map((arc) => {
  const [sx, sy] = t110.transform.scale;
  const [tx, ty] = t110.transform.translate;
  let x = 0, y = 0;
  const out = [];
  for (const [dx, dy] of arc) {
    x += dx; y += dy;
    const p = [Math.round((x * sx + tx) * SCALE), Math.round((y * sy + ty) * SCALE)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
});

// Group the geometries by what they become: a registry state, a folded
// area, or a background area.
const groups = new Map(); // key -> {id, name, geoms: []}
for (const g of geoms) {
  if (g.id === ANTARCTICA || !g.type || g.type === 'null') continue;
  let numeric = g.id;
  if (numeric === undefined && FOLD[g.properties.name]) numeric = FOLD[g.properties.name];
  const code = byNumeric.get(numeric);
  const key = code ? code : 'other:' + g.properties.name;
  if (!groups.has(key)) groups.set(key, { id: code || '', name: g.properties.name, geoms: [] });
  const entry = groups.get(key);
  if (code && numeric === g.id) entry.name = g.properties.name;
  entry.geoms.push(g);
}

// Arcs still in use after merging, renumbered in order of first use.
const used = new Map();
const useArc = (i) => {
  const orig = i < 0 ? ~i : i;
  if (!used.has(orig)) used.set(orig, used.size);
  const n = used.get(orig);
  return i < 0 ? ~n : n;
};

const shapes = [];
const keys = [...groups.keys()].sort((a, b) => {
  const oa = a.startsWith('other:'), ob = b.startsWith('other:');
  return oa !== ob ? (oa ? 1 : -1) : (a < b ? -1 : a > b ? 1 : 0);
});
for (const key of keys) {
  const g = groups.get(key);
  // mergeArcs dissolves the borders between the pieces of a group; for a
  // group of one it returns the polygons unchanged.
  const merged = topojson.mergeArcs(t110, g.geoms);
  const polygons = merged.arcs
    .map((poly) => poly.map((ring) => ring.map(useArc)))
    .filter((poly) => poly.length > 0);
  shapes.push(g.id ? { id: g.id, polygons } : { name: g.name, polygons });
}

const outArcs = [];
for (const [orig, n] of used) outArcs[n] = orig;
const encoded = outArcs.map((orig) => {
  const flat = [];
  let px = 0, py = 0;
  arcs[orig].forEach(([x, y], i) => {
    flat.push(i === 0 ? x : x - px, i === 0 ? y : y - py);
    px = x; py = y;
  });
  return flat;
});

// Dots: registry states with no 1:110m shape, placed at the centroid of
// their largest polygon at 1:10m.
const have = new Set(shapes.filter((s) => s.id).map((s) => s.id));
const t10 = atlas('countries-10m.json');
const dots = [];
for (const g of t10.objects.countries.geometries) {
  const code = byNumeric.get(g.id);
  if (!code || have.has(code) || dots.some((d) => d.id === code)) continue;
  const feature = topojson.feature(t10, g);
  const polys = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
  let best = null;
  for (const poly of polys) {
    const c = centroid(poly[0]);
    if (!best || Math.abs(c.area) > Math.abs(best.area)) best = c;
  }
  dots.push({ id: code, lon: Math.round(best.x * SCALE), lat: Math.round(best.y * SCALE) });
}
dots.sort((a, b) => (a.id < b.id ? -1 : 1));

const missing = [...byNumeric.values()].filter((c) => !have.has(c) && !dots.some((d) => d.id === c));
if (missing.length) {
  console.error('no shape or dot for: ' + missing.join(' '));
  process.exit(1);
}

// centroid is the area-weighted centroid of a ring in plain lon/lat,
// which is close enough for the small islands that become dots.
function centroid(ring) {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += f;
    cx += (ring[j][0] + ring[i][0]) * f;
    cy += (ring[j][1] + ring[i][1]) * f;
  }
  if (a === 0) return { area: 0, x: ring[0][0], y: ring[0][1] };
  return { area: a / 2, x: cx / (3 * a), y: cy / (3 * a) };
}

// One arc, shape or dot per line keeps diffs between Natural Earth
// releases readable.
const lines = [];
lines.push('{"source":' + JSON.stringify('Natural Earth 1:110m and 1:10m admin-0 countries (public domain) via world-atlas ' + atlasVersion) + ',');
lines.push('"scale":' + SCALE + ',');
lines.push('"arcs":[');
lines.push(encoded.map((a) => JSON.stringify(a)).join(',\n') + '],');
lines.push('"shapes":[');
lines.push(shapes.map((s) => JSON.stringify(s)).join(',\n') + '],');
lines.push('"dots":[');
lines.push(dots.map((d) => JSON.stringify(d)).join(',\n') + ']}');
process.stdout.write(lines.join('\n') + '\n');
console.error(`${shapes.length} shapes (${shapes.filter((s) => s.id).length} registry states), ${dots.length} dots, ${encoded.length} arcs`);
