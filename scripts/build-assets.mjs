// Build the front-end assets into build/ (run by scripts/setup after npm ci).
//
// 1. Copy Designsystemet's CSS, the Digdir theme and two weights of the Inter
//    font into build/static/vendor/, where Django's staticfiles finds them.
// 2. Project and simplify Norway's outline from Natural Earth (world-atlas)
//    into build/norway-map.json: an SVG path plus the projection's parameters,
//    so the server can place the municipalities on it from their coordinates.
//
// Nothing here is fetched from the network: every input is an npm package
// pinned in package-lock.json.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { geoPath, geoProjection } from "d3-geo";
import { feature } from "topojson-client";
import { presimplify, quantile, simplify } from "topojson-simplify";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const build = join(root, "build");
const vendor = join(build, "static", "vendor");

function copy(file, target) {
  const source = join(root, "node_modules", file);
  const destination = join(vendor, target);
  mkdirSync(dirname(destination), { recursive: true });
  copyFileSync(source, destination);
}

copy("@digdir/designsystemet-css/dist/src/index.css", "designsystemet/designsystemet.css");
copy("@digdir/designsystemet-theme/brand/digdir.css", "designsystemet/digdir.css");
for (const weight of [400, 600]) {
  copy(
    `@fontsource/inter/files/inter-latin-${weight}-normal.woff2`,
    `inter/inter-latin-${weight}-normal.woff2`,
  );
}

// --- The map ---------------------------------------------------------------
// An equirectangular projection with the x axis shortened by cos(65°), the
// latitude through the middle of Norway: simple enough for the server to
// repeat in a line of Python, and Norway keeps a familiar shape.
const STANDARD_PARALLEL = 65;
const WIDTH = 400;
const PADDING = 8;
const cosPhi0 = Math.cos((STANDARD_PARALLEL * Math.PI) / 180);
const projection = geoProjection((lambda, phi) => [lambda * cosPhi0, phi]);

const topology = JSON.parse(
  readFileSync(join(root, "node_modules/world-atlas/countries-50m.json"), "utf8"),
);
// Keep the points that matter at this size: a quarter of the arcs' weight.
const simplified = simplify(presimplify(topology), quantile(presimplify(topology), 0.75));
const countries = feature(simplified, simplified.objects.countries);
const norway = countries.features.find((country) => country.id === "578");

// Mainland Norway with its coastal islands: Svalbard and Jan Mayen lie far
// outside the frame and no områdesatsing is there.
const onMainland = (ring) => ring.every(([lon, lat]) => lat < 71.5 && lon > 4 && lon < 32);
const polygons =
  norway.geometry.type === "MultiPolygon" ? norway.geometry.coordinates : [norway.geometry.coordinates];
const mainland = {
  type: "Feature",
  properties: { name: "Norge" },
  geometry: { type: "MultiPolygon", coordinates: polygons.filter((p) => onMainland(p[0])) },
};

projection.fitWidth(WIDTH - 2 * PADDING, mainland);
const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(mainland);
projection.translate([projection.translate()[0] - x0 + PADDING, projection.translate()[1] - y0 + PADDING]);
const path = geoPath(projection).digits(1)(mainland);

const map = {
  source: "Natural Earth 1:50m (world-atlas 2.0.2), simplified",
  width: WIDTH,
  height: Math.ceil(y1 - y0 + 2 * PADDING),
  projection: {
    kind: "equirectangular",
    standard_parallel: STANDARD_PARALLEL,
    scale: projection.scale(),
    translate: projection.translate(),
  },
  path,
};
mkdirSync(build, { recursive: true });
writeFileSync(join(build, "norway-map.json"), JSON.stringify(map));
console.log(
  `build/: Designsystemet, Inter, map of Norway (${map.width}×${map.height}, ${path.length} bytes of path)`,
);
