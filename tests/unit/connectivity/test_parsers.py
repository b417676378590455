"""The three measurement formats give observations on the right days and in the right regions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gavah.connectivity import (
    MeasurementFormat,
    Observation,
    build_timeline,
    detect_format,
    parse_measurements,
    province_code,
)
from gavah.errors import ParseError
from gavah.vocab import Gazetteer, load_gazetteer

FIXTURES = Path(__file__).parent / "fixtures"
TEHRAN = "IR-23"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def parse(name: str, gazetteer: Gazetteer) -> tuple[MeasurementFormat, list[Observation]]:
    return parse_measurements((FIXTURES / name).read_bytes(), gazetteer)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_ioda_signal_series_become_timed_values_for_the_province(gazetteer: Gazetteer) -> None:
    fmt, observations = parse("ioda_signals_tehran.json", gazetteer)
    assert fmt is MeasurementFormat.IODA
    bgp = [o for o in observations if o.signal == "ioda/bgp"]
    assert len(bgp) == 20
    assert {o.region for o in observations} == {TEHRAN}
    assert {o.country for o in observations} == {"IR"}
    assert bgp[0].start == dt.datetime(2026, 1, 7, tzinfo=dt.UTC)
    assert bgp[7].start == dt.datetime(2026, 1, 8, 18, tzinfo=dt.UTC)
    assert bgp[7].value == 42.0
    assert not any(o.outage for o in observations)
    assert sum(o.value is None for o in observations) == 2  # gaps stay gaps


def test_ioda_outage_events_span_their_duration(gazetteer: Gazetteer) -> None:
    _, observations = parse("ioda_events.json", gazetteer)
    regional, national = observations
    assert regional.outage
    assert regional.region == TEHRAN
    assert regional.region_name == "Tehran"
    assert regional.days() == [
        day("2026-01-08"),
        day("2026-01-09"),
        day("2026-01-10"),
        day("2026-01-11"),
    ]
    assert national.region is None
    assert national.country == "IR"
    assert national.value == 91234.0


def test_ooni_measurements_are_national_and_flag_interference(gazetteer: Gazetteer) -> None:
    fmt, observations = parse("ooni_ir.jsonl", gazetteer)
    assert fmt is MeasurementFormat.OONI
    assert [o.start.date() for o in observations] == [
        day("2026-01-07"),
        day("2026-01-07"),
        day("2026-01-09"),
        day("2026-01-09"),
        day("2026-01-10"),
    ]
    assert [o.value for o in observations] == [0.0, 0.0, 1.0, 1.0, 1.0]
    assert {(o.country, o.region) for o in observations} == {("IR", None)}
    assert observations[2].detail["probe_asn"] == "AS58224"


def test_cloudflare_radar_json_and_csv(gazetteer: Gazetteer) -> None:
    fmt, (tehran,) = parse("radar_outages.json", gazetteer)
    assert fmt is MeasurementFormat.CLOUDFLARE
    assert tehran.outage
    assert tehran.region == TEHRAN
    assert tehran.detail["outage_cause"] == "GOVERNMENT_DIRECTED"
    assert tehran.days()[0] == day("2026-01-08")
    assert tehran.days()[-1] == day("2026-01-11")
    fmt, (sistan, national) = parse("radar_outages.csv", gazetteer)
    assert fmt is MeasurementFormat.CLOUDFLARE
    assert sistan.region == "IR-11"
    assert sistan.end is not None
    assert national.region is None
    assert national.end is None
    assert national.detail["outage_type"] == "NATIONWIDE"


def test_persian_province_names_and_codes_resolve(gazetteer: Gazetteer) -> None:
    assert province_code(gazetteer, "تهران") == TEHRAN
    assert province_code(gazetteer, "Tehran Province") == TEHRAN
    assert province_code(gazetteer, "ir-23") == TEHRAN
    assert province_code(gazetteer, "سیستان‌وبلوچستان") == "IR-11"
    assert province_code(gazetteer, "Atlantis") is None


@pytest.mark.parametrize(
    "text",
    ["", "not json", '{"foo": 1}', "[1, 2]", "a,b\n1,2\n"],
)
def test_unknown_input_is_a_parse_error(text: str) -> None:
    with pytest.raises(ParseError):
        detect_format(text)


def test_malformed_fields_are_parse_errors(gazetteer: Gazetteer) -> None:
    with pytest.raises(ParseError, match="OONI line 1"):
        parse_measurements(
            b'{"probe_cc": "IR", "test_name": "x", "measurement_start_time": "soon"}\n', gazetteer
        )
    with pytest.raises(ParseError, match="IODA"):
        parse_measurements(
            b'{"data": [{"location": "country/IR", "start": "x", "duration": 1}]}', gazetteer
        )
    with pytest.raises(ParseError, match="UTF-8"):
        parse_measurements(b"\xff\xfe", gazetteer)


def test_timeline_joins_deaths_and_connectivity_and_keeps_outages(gazetteer: Gazetteer) -> None:
    observations = [
        *parse("ioda_signals_tehran.json", gazetteer)[1],
        *parse("ioda_events.json", gazetteer)[1],
        *parse("ooni_ir.jsonl", gazetteer)[1],
        *parse("radar_outages.json", gazetteer)[1],
        *parse("radar_outages.csv", gazetteer)[1],
    ]
    deaths = {day("2026-01-08"): 12, day("2026-01-09"): 30}
    timeline = build_timeline(deaths, observations, TEHRAN, last=day("2026-01-11"))
    assert timeline.days[0] == day("2026-01-07")
    assert timeline.days[-1] == day("2026-01-11")
    assert timeline.deaths == (0, 12, 30, 0, 0)
    bgp = timeline.signals["ioda/bgp"]
    assert bgp[0] == pytest.approx(1.0)
    assert bgp[2] is not None
    assert bgp[2] < 0.1
    assert timeline.signals["ooni/web_connectivity"][0] == 1.0  # nothing blocked on the 7th
    labels = {o.label for o in timeline.outages}
    assert labels == {"ioda", "cloudflare-radar"}
    # Sistan and Baluchestan's regional outage is not Tehran's; the national one of the 12th is
    # outside the days asked for
    starts = {o.start for o in timeline.outages}
    assert dt.datetime(2026, 1, 9, 20, tzinfo=dt.UTC) not in starts
    assert dt.datetime(2026, 1, 12, tzinfo=dt.UTC) not in starts
    everywhere = build_timeline(deaths, observations, None)
    assert dt.datetime(2026, 1, 9, 20, tzinfo=dt.UTC) in {o.start for o in everywhere.outages}
