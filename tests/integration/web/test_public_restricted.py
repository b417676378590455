"""No restricted field of the demo data appears in any public page or public API response.

Gathers every restricted value of the demo workspace — source identities (ids, names,
descriptions), what reports and claims say, list rows' ids and notes, status notes, evidence
file names and notes, and the names (both scripts, as stored and as the site would show them)
of every person not approved for publication — then crawls the public site as a visitor
without an account: every page reachable by links from ``/fa/`` and ``/en/`` (memorial and
incident detail pages included), every public GET endpoint of the OpenAPI schema (path
parameters filled from the listings), and public searches for a sample of names. A test shows
the check catches an unpublished name when one is there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import select

from gavah.store.publication import public_person_ids
from gavah.store.schema import (
    ClaimRow,
    EvidenceRow,
    PersonRow,
    RecordRow,
    ReportRow,
    SourceRow,
    StatusEventRow,
)
from gavah.web.app import OPENAPI_URL
from gavah.web.memorial import latin_form, persian_form
from gavah.web.routing import PERMISSION_KEY
from tests.integration.web.conftest import DemoSite

#: Shorter values are common words or numbers ("17", "تأیید نشده"), not identities.
MIN_TEXT = 12
MIN_ID = 5
#: Names searched for on the public search page and API.
SEARCHED = 12
MAX_PAGES = 2_000
_HREF = re.compile(r'href="([^"#]+)"')
_SKIP = ("/static/", "/api/openapi.json")


@dataclass(frozen=True)
class Restricted:
    """Restricted values: matched exactly (identities, texts) or ignoring case (names)."""

    exact: frozenset[str]
    names: frozenset[str]
    unpublished: tuple[tuple[str | None, str | None], ...]
    published: tuple[str, ...]


def _names(fa: str | None, latin: str | None) -> set[str]:
    forms = {fa, latin, persian_form(fa), latin_form(latin, fa)}
    return {f.strip().casefold() for f in forms if f and len(f.strip()) >= 4}


def gather(site: DemoSite) -> Restricted:
    """Every restricted value of the demo workspace."""
    ids: set[str] = set()  # identities: matched from MIN_ID characters
    texts: set[str] = set()  # what sources said and wrote: from MIN_TEXT characters
    with site.web.store.reader() as session:
        for source in session.scalars(select(SourceRow)):
            ids |= {source.id, source.name}
            texts |= {source.description or "", source.reliability_note or ""}
        for report in session.scalars(select(ReportRow)):
            ids.add(report.id)
            texts |= {report.title, report.text or "", report.url or ""}
        texts |= set(session.scalars(select(ClaimRow.text)))
        for record_id, raw in session.execute(select(RecordRow.record_id, RecordRow.raw)):
            if re.search("[A-Za-z]", record_id):
                ids.add(record_id)
            texts.add(raw.get("notes") or "")
        texts |= {n or "" for n in session.scalars(select(StatusEventRow.note))}
        for item in session.scalars(select(EvidenceRow)):
            ids |= {item.original_filename, item.case_label or ""}
            texts.add(item.note or "")
        public = public_person_ids(session)
        persons = list(
            session.execute(select(PersonRow.id, PersonRow.name_fa, PersonRow.name_latin))
        )
    shown = set().union(*(_names(fa, la) for pid, fa, la in persons if pid in public))
    unpublished = [(fa, la) for pid, fa, la in persons if pid not in public]
    # A homonym of a published victim cannot be told apart by its name: leave it out.
    names = {n for fa, la in unpublished for n in _names(fa, la) if not any(n in s for s in shown)}
    return Restricted(
        exact=frozenset(
            {i for i in ids if len(i) >= MIN_ID} | {t for t in texts if len(t) >= MIN_TEXT}
        ),
        names=frozenset(names),
        unpublished=tuple(unpublished),
        published=tuple(sorted(shown)),
    )


def _without_echo(url: str, body: str) -> str:
    """A search response less the visitor's own query echoed back (the form's value, the
    API's ``query`` field): what the visitor typed is not something the site revealed."""
    query = parse_qs(urlsplit(url).query).get("q")
    if not query:
        return body
    if url.startswith("/api/"):
        data = json.loads(body)
        data.pop("query", None)
        return json.dumps(data, ensure_ascii=False)
    return body.replace(f'value="{escape(query[0])}"', 'value=""')


def leaks(responses: dict[str, str], restricted: Restricted) -> list[tuple[str, str]]:
    """(url, value) for every restricted value found in a response."""
    found = []
    for url, raw in responses.items():
        body = _without_echo(url, raw)
        folded = body.casefold()
        found += [(url, v) for v in restricted.exact if v in body]
        found += [(url, n) for n in restricted.names if n in folded]
    return found


def _crawl_html(client: TestClient) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = ["/fa/", "/en/"]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.text
        if response.status_code != 200 or "text/html" not in response.headers["content-type"]:
            continue
        for href in _HREF.findall(response.text):
            target = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(_SKIP):
                continue
            if target not in seen:
                queue.append(target)
    return seen


def _json_values(data: object, key: str) -> Iterator[str]:
    if isinstance(data, dict):
        for k, v in data.items():
            if k == key and isinstance(v, str):
                yield v
            yield from _json_values(v, key)
    elif isinstance(data, list):
        for item in data:
            yield from _json_values(item, key)


def _crawl_api(client: TestClient, queries: list[str]) -> dict[str, str]:
    schema = client.get(OPENAPI_URL).json()
    seen: dict[str, str] = {}
    later = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None or get.get(PERMISSION_KEY) != "public":
            continue
        required = [p for p in get.get("parameters", []) if p.get("required")]
        if any(p["in"] == "path" for p in required):
            later.append(path)
        elif any(p["name"] == "q" for p in required):
            for q in queries:
                seen[f"{path}?{urlencode({'q': q})}"] = client.get(path, params={"q": q}).text
        else:
            seen[path] = client.get(path).text
    values: dict[str, set[str]] = {"ref": set(), "incident_id": set()}
    for body in seen.values():
        try:
            data = json.loads(body)
        except ValueError:
            continue
        values["ref"] |= set(_json_values(data, "ref"))
        values["incident_id"] |= set(
            _json_values(data.get("incidents", []) if isinstance(data, dict) else [], "id")
        )
    for path in later:
        (name,) = re.findall(r"{(\w+)}", path)
        assert values.get(name), f"{path}: no value to fill {{{name}}} with from the listings"
        for value in sorted(values[name]):
            url = path.replace(f"{{{name}}}", value)
            seen[url] = client.get(url).text
    return seen


@pytest.fixture(scope="module")
def restricted(demo_site: DemoSite) -> Restricted:
    return gather(demo_site)


@pytest.fixture(scope="module")
def crawled(demo_site: DemoSite, restricted: Restricted) -> dict[str, str]:
    client = demo_site.web.client()
    pages = _crawl_html(client)
    names = [n for pair in restricted.unpublished[:SEARCHED] for n in pair if n]
    names += list(restricted.published[:4])
    for q in names:
        for lang in ("fa", "en"):
            pages[f"/{lang}/search?{urlencode({'q': q})}"] = client.get(
                f"/{lang}/search", params={"q": q}
            ).text
    pages.update(_crawl_api(client, names))
    return pages


def test_the_restricted_values_are_gathered(restricted: Restricted) -> None:
    assert len(restricted.unpublished) > 50
    assert len(restricted.names) > 50
    assert any("witness" in v for v in restricted.exact)  # source identities of eyewitnesses
    assert any(re.search("[A-Z]{2,}-?\\d", v) for v in restricted.exact)  # list row ids


def test_the_crawl_reaches_every_kind_of_public_page(crawled: dict[str, str]) -> None:
    for lang in ("fa", "en"):
        assert sum(u.startswith(f"/{lang}/memorial/") for u in crawled) > 50
        assert sum(u.startswith(f"/{lang}/incidents/") for u in crawled) >= 10
        assert any(u.startswith(f"/{lang}/search?q=") for u in crawled)
    assert sum(u.startswith("/api/v1/memorial/") for u in crawled) > 50
    assert sum(u.startswith("/api/v1/incidents/") for u in crawled) >= 10
    assert any(u.startswith("/api/v1/search?q=") for u in crawled)


def test_no_public_response_holds_a_restricted_value(
    crawled: dict[str, str], restricted: Restricted
) -> None:
    assert leaks(crawled, restricted) == []


def test_the_check_catches_an_unpublished_name(
    demo_site: DemoSite, crawled: dict[str, str], restricted: Restricted
) -> None:
    fa, latin = next(
        (fa, la)
        for fa, la in restricted.unpublished
        if fa and la and _names(fa, la) <= restricted.names
    )
    # The workspace search (an analyst's) finds them: the name is real data, kept private.
    analyst = demo_site.web.signed_in("analyst")
    assert fa in analyst.get("/fa/workspace/search", params={"q": fa}).text
    # Had a public page shown them, in either script, the check would say so.
    page = next(iter(crawled.values()))
    for name in (fa, latin_form(latin, fa) or ""):
        assert leaks({"/fa/memorial": page + f"<bdi>{name}</bdi>"}, restricted)
    assert leaks({"/api/v1/memorial": json.dumps({"name_fa": fa}, ensure_ascii=False)}, restricted)
