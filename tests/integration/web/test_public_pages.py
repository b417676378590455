"""The public home, map, timeline and methodology pages and their JSON API, on the demo site.

The figures must be those of ``gavah counts`` (run here on the same workspace), the pages and the
API must agree, Persian pages are right-to-left with Persian digits and Solar Hijri dates, the map
has the 31 provinces and the timeline marks the demo's blackout. The demo site is read-only; the
cache test builds its own store.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib.resources import files
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from gavah.cli.app import app as cli
from gavah.cli.demo import DEMO_BLACKOUT
from gavah.store.estimates import EstimateRepository
from gavah.text import to_persian_digits
from gavah.verify import default_policy
from gavah.vocab import load_gazetteer
from gavah.web import create_app
from gavah.web.figures import CHECK_EVERY
from gavah.web.i18n import format_day, format_number
from tests.integration.web.conftest import DemoSite, WebApp

_CSS_URL = re.compile(r'url\("([^"]+)"\)')
_ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')
HOME_BUDGET = 300_000


@pytest.fixture(scope="module")
def client(demo_site: DemoSite) -> TestClient:
    return demo_site.web.client()


@pytest.fixture(scope="module")
def counts(demo_site: DemoSite) -> dict[str, Any]:
    """``gavah counts --json`` (and ``--by province``, ``--by date``) on the demo workspace."""
    root = str(demo_site.workspace.root)
    found = {}
    for by in ("", "province", "date"):
        args = ["--workspace", root, "counts", "--json", *(["--by", by] if by else [])]
        result = CliRunner().invoke(cli, args, env={"GAVAH_DATABASE_URL": ""})
        assert result.exit_code == 0, result.output
        found[by] = json.loads(result.output)
    return found


def _span(pair: list[int], lang: str = "en") -> str:
    low, high = pair
    text = format_number(low, "fa" if lang == "fa" else "en")
    return text if low == high else f"{text}–{format_number(high, 'fa' if lang == 'fa' else 'en')}"


def test_the_toll_is_what_gavah_counts_computes(client: TestClient, counts: dict[str, Any]) -> None:
    total = counts[""]["total"]
    api = client.get("/api/v1/toll").json()
    for grade, tally in total["grades"].items():
        assert [api["grades"][grade]["low"], api["grades"][grade]["high"]] == tally["total"]
        assert api["grades"][grade]["named"] == tally["named"]
    assert [api["documented"]["low"], api["documented"]["high"]] == total["documented"]["total"]
    estimate = counts[""]["estimate"]
    assert api["estimate"]["estimate"] == pytest.approx(estimate["estimate"])
    assert api["estimate"]["interval"] == pytest.approx(estimate["interval"])
    assert api["estimate"]["method"] == estimate["method"]
    assert api["policy"] == counts[""]["policy"]


def test_the_api_gives_every_time_with_its_offset(client: TestClient) -> None:
    toll = client.get("/api/v1/toll").json()
    assert toll["graded"] is not None, "the demo is graded"
    times = [toll["graded"], toll["computed"], toll["estimate"]["made"]]
    times += [client.get(f"/api/v1/{p}").json()["computed"] for p in ("provinces", "timeline")]
    for text in times:
        assert dt.datetime.fromisoformat(text).utcoffset() == dt.timedelta(0), text


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_home_page_shows_grades_and_the_estimate_with_its_interval(
    client: TestClient, lang: str
) -> None:
    api = client.get("/api/v1/toll").json()
    html = client.get(f"/{lang}/").text
    documented = [api["documented"]["low"], api["documented"]["high"]]
    assert _span(documented, lang) in html
    for grade in ("confirmed", "fair", "weak", "contested"):
        assert _span([api["grades"][grade]["low"], api["grades"][grade]["high"]], lang) in html
    estimate = api["estimate"]
    low, high = (format_number(round(x), lang) for x in estimate["interval"])  # type: ignore[arg-type]
    assert f"{low}–{high}" in html, "the estimate comes with its interval"
    assert format_number(round(estimate["estimate"]), lang) in html  # type: ignore[arg-type]
    assert estimate["method"] in html
    assert f'href="/{lang}/methodology"' in html
    assert html.count('class="province-map"') == 1
    assert html.count('class="timeline-chart"') == 1
    made = dt.datetime.fromisoformat(estimate["made"]).date()
    assert format_day(made, lang) in html, "the estimate's date, in both calendars"  # type: ignore[arg-type]


@pytest.mark.parametrize("page", ["", "map", "timeline", "methodology"])
def test_persian_pages_are_right_to_left_with_persian_digits(client: TestClient, page: str) -> None:
    html = client.get(f"/fa/{page}").text
    assert '<html lang="fa" dir="rtl">' in html
    main = html.split("<main>", 1)[1].split("</main>", 1)[0]
    texts = re.findall(r"<(?:title|text)[^>]*>([^<]*)<", main)  # inside the drawings
    visible = re.sub(r"<[^>]+>", " ", main) + " ".join(texts)
    assert not re.search(r"[0-9]", visible), "no ASCII digit on a Persian page"
    assert re.search("[۰-۹]", visible), "Persian digits"


def test_the_persian_home_names_its_figures_in_persian(client: TestClient) -> None:
    html = client.get("/fa/").text
    assert "برآورد کل" in html
    assert "مستند" in html


def test_the_map_has_the_31_provinces_with_titles_and_a_table(
    client: TestClient, counts: dict[str, Any]
) -> None:
    html = client.get("/en/map").text
    svg = html.split('<svg class="province-map"', 1)[1].split("</svg>", 1)[0]
    codes = re.findall(r'<path class="choro-\d" data-code="(IR-\d\d)" d="[^"]+"><title>', svg)
    assert sorted(codes) == sorted(p.code for p in load_gazetteer().provinces)
    assert len(codes) == 31
    rows = re.findall(r'<tr data-code="(IR-\d\d)">', html)
    assert sorted(rows) == sorted(codes), "a table of the same figures below the map"
    by_province = {r["key"]: r["documented"]["total"] for r in counts["province"]["rows"]}
    api = {p["code"]: p for p in client.get("/api/v1/provinces").json()["provinces"]}
    for code, figure in api.items():
        expected = by_province.get(code, [0, 0])
        assert [figure["documented"]["low"], figure["documented"]["high"]] == expected, code
        row = html.split(f'<tr data-code="{code}">', 1)[1].split("</tr>", 1)[0]
        assert f'<td class="num">{_span(expected)}</td>' in row, code
    assert any(by_province.get(c, [0])[0] for c in codes), "the demo documents deaths somewhere"


def test_the_persian_map_names_provinces_in_persian(client: TestClient) -> None:
    html = client.get("/fa/map").text
    assert '<html lang="fa" dir="rtl">' in html
    tehran = next(p for p in load_gazetteer().provinces if p.code == "IR-23")
    assert f"<title>{tehran.persian}: " in html
    assert f"<bdi>{tehran.persian}</bdi>" in html


def test_the_timeline_marks_the_blackout_and_matches_gavah_counts(
    client: TestClient, counts: dict[str, Any]
) -> None:
    start = dt.date.fromisoformat(DEMO_BLACKOUT["start"])
    end = dt.date.fromisoformat(DEMO_BLACKOUT["end"])
    api = client.get("/api/v1/timeline").json()
    assert api["blackouts"] == [
        {"start": start.isoformat(), "end": end.isoformat(), "source": DEMO_BLACKOUT["source"]}
    ]
    by_day = {r["key"]: r["documented"]["total"] for r in counts["date"]["rows"]}
    days = {d["day"]: d for d in api["days"]}
    assert {k: v for k, v in by_day.items() if k} == {
        k: [d["documented"]["low"], d["documented"]["high"]] for k, d in days.items()
    }
    for key, day in days.items():
        assert day["blackout"] == (start <= dt.date.fromisoformat(key) <= end), key
    for lang in ("en", "fa"):
        html = client.get(f"/{lang}/timeline").text
        assert '<rect class="blackout"' in html
        assert format_day(start, lang) in html
        assert format_day(end, lang) in html
        assert html.count('class="in-blackout"') == sum(d["blackout"] for d in api["days"])
    assert "۱۴۰۴" in client.get("/fa/timeline").text, "Solar Hijri beside the Gregorian"


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_methodology_states_the_policy_thresholds(client: TestClient, lang: str) -> None:
    policy = default_policy()  # the demo's gavah.toml has no [grading]
    html = client.get(f"/{lang}/methodology").text
    assert policy.name in html
    number = to_persian_digits if lang == "fa" else str
    assert number(str(policy.confirmed_min_streams)) in html
    for kind in policy.primary_kinds:
        assert kind.value in html
    heading = "آنچه هرگز منتشر نمی‌شود" if lang == "fa" else "What is never published"
    assert heading in html


def test_the_api_is_documented_by_openapi(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path, model in [
        ("/api/v1/toll", "TollOut"),
        ("/api/v1/provinces", "ProvincesOut"),
        ("/api/v1/timeline", "TimelineOut"),
    ]:
        ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert ok["schema"]["$ref"].endswith(model)


def test_the_home_page_with_its_assets_fits_the_budget(client: TestClient) -> None:
    html = client.get("/fa/").text
    total = len(html.encode("utf-8"))
    css = client.get("/static/gavah.css").text
    urls = set(_ASSET.findall(html)) | {u for u in _CSS_URL.findall(css) if u.endswith(".woff2")}
    for url in urls:
        total += len(client.get(url).content)
    assert total < HOME_BUDGET, total


def test_a_site_without_a_store_has_no_figures() -> None:
    bare = TestClient(create_app(lambda: {"records": 3}, name="x"), base_url="https://testserver")
    assert bare.get("/en/map").status_code == 404
    assert bare.get("/api/v1/toll").status_code == 404
    assert bare.get("/en/methodology").status_code == 200


def test_a_change_is_reflected_once_the_cache_looks_again(web_any: WebApp) -> None:
    client = web_any.client()
    assert client.get("/api/v1/toll").json()["estimate"] is None
    with web_any.store.session() as session:
        EstimateRepository(session).add(
            created=web_any.clock(),
            method="loglinear",
            input_sha256="0" * 64,
            table_csv="",
            result={"estimate": 120.0, "interval": [100.0, 150.0], "level": 0.95, "lists": []},
        )
    assert client.get("/api/v1/toll").json()["estimate"] is None, "cached until it looks again"
    web_any.clock.advance(seconds=CHECK_EVERY.total_seconds())
    found = client.get("/api/v1/toll").json()["estimate"]
    assert found["estimate"] == 120.0
    assert found["interval"] == [100.0, 150.0]
    assert "120" in client.get("/en/").text


def test_the_boundaries_ship_with_their_source_and_licence() -> None:
    folder = files("gavah") / "assets" / "boundaries"
    readme = (folder / "README.md").read_text("utf-8")
    assert "Natural Earth" in readme
    assert "public domain" in readme
    assert "1.0.8" in readme
    assert len((folder / "iran-provinces.json").read_bytes()) < 60_000
