"""Round trips of every domain type through its repository, on every backend."""

from __future__ import annotations

import datetime as dt

from gavah.model import (
    Act,
    ActType,
    Calendar,
    Claim,
    ClaimKind,
    ClaimRelation,
    DatePrecision,
    DateSpan,
    Incident,
    LocationPrecision,
    Official,
    PartialDate,
    Person,
    PersonStatus,
    Place,
    Record,
    RecordKey,
    Report,
    Sex,
    Source,
    SourceKind,
    StatusEvent,
    Unit,
    UnitKind,
    VictimCount,
)
from gavah.store import (
    ClaimRepository,
    EvidenceRepository,
    IncidentRepository,
    MetaRepository,
    OfficialRepository,
    PersonRepository,
    RecordRepository,
    ReportRepository,
    SourceRepository,
    Store,
    UnitRepository,
)
from tests.integration.store.factories import PERSIAN_ROW, ZWNJ, make_evidence, make_record


def test_sources_round_trip_with_their_origin(store: Store) -> None:
    ngo = Source("src-ngo", "شبکه مستندسازی", SourceKind.NGO, reliability_note="long record")
    media = Source("src-media", "Daily Example", SourceKind.MEDIA, origin_id="src-ngo")
    with store.session() as session:
        SourceRepository(session).add(ngo)
        SourceRepository(session).add(media)
    with store.reader() as session:
        sources = SourceRepository(session)
        assert sources.get("src-media") == media
        assert sources.get_by_name("شبکه مستندسازی") == ngo
        assert sources.get_by_name("nobody") is None
        assert sources.list() == sorted([ngo, media], key=lambda s: s.name)


def test_a_persian_record_survives_byte_for_byte(store: Store, source: Source) -> None:
    record = Record(
        source.id,
        PERSIAN_ROW["record_id"],
        raw=PERSIAN_ROW,
        full_name=PERSIAN_ROW["full_name"],
        latin_key="ali reza mohammadi nejad",
        skeleton="lrzmhmdnjd",
        given_name="علی رضا",
        family_name=f"محمدی{ZWNJ}نژاد",
        father_name="حسن",
        sex=Sex.MALE,
        age=23,
        event_date=PartialDate(2026, 1, 8, DatePrecision.DAY),
        event=PersonStatus.KILLED,
        province="IR-20",
        city="خرم\u200cآباد",
    )
    with store.session() as session:
        RecordRepository(session).add_many([record])
    with store.reader() as session:
        back = RecordRepository(session).get(record.key)
    assert back == record
    assert back is not None
    assert list(back.raw) == list(PERSIAN_ROW)  # column order kept
    for column, text in PERSIAN_ROW.items():
        assert back.raw[column].encode("utf-8") == text.encode("utf-8")
    assert back.family_name is not None
    assert ZWNJ in back.family_name
    assert back.raw["date"] == "۱۴۰۴/۱۰/۱۸"


def test_records_with_partial_dates_and_missing_fields(store: Store, source: Source) -> None:
    dey_1404 = PartialDate(1404, 10, None, DatePrecision.MONTH, Calendar.SOLAR_HIJRI)
    year_1404 = PartialDate(1404, None, None, DatePrecision.YEAR, Calendar.SOLAR_HIJRI)
    records = [
        make_record(source, 4, event_date=dey_1404),
        make_record(source, 5, event_date=year_1404),
        make_record(source, 1, event_date=PartialDate(2026, 1, None, DatePrecision.MONTH)),
        make_record(
            source, 2, event_date=PartialDate(2026, None, None, DatePrecision.YEAR), sex=Sex.FEMALE
        ),
        Record(source.id, "3", raw={"record_id": "3", "full_name": ""}),
    ]
    with store.session() as session:
        assert RecordRepository(session).add_many(records) == 5
    with store.reader() as session:
        repository = RecordRepository(session)
        assert repository.by_source(source.id) == records
        assert repository.count() == 5
        assert repository.count(source.id) == 5
        assert repository.count("src-other") == 0
        assert list(repository.iter_all(batch_size=2)) == records


def test_evidence_round_trips_in_utc(store: Store, source: Source) -> None:
    item = make_evidence(source)
    with store.session() as session:
        EvidenceRepository(session).add(item)
    with store.reader() as session:
        evidence = EvidenceRepository(session)
        back = evidence.get_by_sha256(item.sha256)
        assert back == item  # the same instant, whatever the zone
        assert back is not None
        assert back.received_at.utcoffset() == dt.timedelta(0)
        assert back.received_at == dt.datetime(2026, 1, 12, 6, 0, tzinfo=dt.UTC)
        assert evidence.get(item.id) == item
        assert evidence.get_by_sha256("0" * 64) is None
        assert evidence.count() == 1


def test_reports_keep_cited_evidence_in_order(store: Store, source: Source) -> None:
    first, second = make_evidence(source, b"one"), make_evidence(source, b"two")
    report = Report(
        "rep-1",
        source.id,
        "گزارش میدانی",
        reported_on=PartialDate(2026, 1, 10, DatePrecision.DAY),
        url="https://example.org/r/1",
        evidence_ids=(second.id, first.id),
    )
    undated = Report("rep-0", source.id, "undated")
    with store.session() as session:
        EvidenceRepository(session).add(first)
        EvidenceRepository(session).add(second)
        ReportRepository(session).add(report)
        ReportRepository(session).add(undated)
    with store.reader() as session:
        reports = ReportRepository(session)
        assert reports.get("rep-1") == report
        assert reports.by_source(source.id) == [report, undated]


def test_persons_keep_their_status_history_and_records(store: Store, source: Source) -> None:
    record = make_record(source, 7, event=PersonStatus.DETAINED)
    person = Person(
        "p-1",
        name_fa="علی رضا محمدی\u200cنژاد",
        name_latin="Ali Reza Mohammadi-Nejad",
        history=(
            StatusEvent(
                PersonStatus.DETAINED, PartialDate(2026, 1, 9, DatePrecision.DAY), record.key
            ),
            StatusEvent(
                PersonStatus.SENTENCED,
                PartialDate(2026, 2, None, DatePrecision.MONTH),
                note="court",
            ),
            StatusEvent(PersonStatus.EXECUTED),
        ),
    )
    with store.session() as session:
        RecordRepository(session).add_many([record])
        PersonRepository(session).add(person)
        PersonRepository(session).add(Person("p-2"))
        RecordRepository(session).assign_persons({record.key: "p-1"})
    with store.reader() as session:
        persons = PersonRepository(session)
        assert persons.get("p-1") == person
        assert persons.get("p-2") == Person("p-2")
        assert persons.get("p-3") is None
        assert persons.ids() == ["p-1", "p-2"]
        assert persons.count_by_status() == {PersonStatus.EXECUTED: 1, None: 1}
        assert RecordRepository(session).keys_of_person("p-1") == [record.key]
        assert RecordRepository(session).person_of(record.key) == "p-1"

    released = person.with_event(StatusEvent(PersonStatus.RELEASED))
    with store.session() as session:
        PersonRepository(session).save(released)
        RecordRepository(session).assign_persons({record.key: None})
    with store.reader() as session:
        back = PersonRepository(session).get("p-1")
        assert back == released
        assert back is not None
        assert back.status is PersonStatus.RELEASED
        assert RecordRepository(session).person_of(record.key) is None


def test_incidents_and_acts_round_trip(store: Store) -> None:
    unit = Unit("u-1", name_fa="یگان ویژه", name_en="Special Unit", kind=UnitKind.POLICE)
    incident = Incident(
        "inc-1",
        Place("Azadi Square", 33.03, 47.39, LocationPrecision.NEIGHBOURHOOD, "IR-16"),
        DateSpan(
            PartialDate(2026, 1, 9, DatePrecision.DAY),
            PartialDate(2026, 1, None, DatePrecision.MONTH),
        ),
        description="crowd fired on",
    )
    acts = (
        Act("act-1", "inc-1", ActType.KILLING, victims=VictimCount(40, None), perpetrator="IRGC"),
        Act(
            "act-2",
            "inc-1",
            ActType.BODY_WITHHELD,
            victims=VictimCount(3, 5),
            perpetrator_unit_id="u-1",
        ),
        Act("act-3", "inc-1", ActType.INTERNET_SHUTDOWN),
    )
    bare = Incident("inc-0", Place("somewhere"))
    with store.session() as session:
        UnitRepository(session).add(unit)
        IncidentRepository(session).add(incident, acts)
        IncidentRepository(session).add(bare)
    with store.reader() as session:
        incidents = IncidentRepository(session)
        assert incidents.get("inc-1") == incident
        assert incidents.acts_of("inc-1") == list(acts)
        assert incidents.get_act("act-2") == acts[1]
        assert incidents.list() == [incident, bare]
        assert incidents.count() == 2
        assert UnitRepository(session).get("u-1") == unit
        assert UnitRepository(session).list() == [unit]


def test_claims_round_trip_with_their_links(store: Store, source: Source) -> None:
    report = Report("rep-1", source.id, "statement")
    regime = Claim(
        "c-1",
        "rep-1",
        ClaimKind.NATIONAL_COUNT,
        "several thousand",
        subject={"scope": "national", "status": "killed"},
        count=VictimCount(2000, 9999),
    )
    ngo = Claim(
        "c-2",
        "rep-1",
        ClaimKind.NATIONAL_COUNT,
        "at least 12,000 killed",
        subject={"scope": "national", "exact": False, "share": 0.5, "n": 3, "none": None},
        count=VictimCount(12_000),
        contradicts=("c-1",),
    )
    echo = Claim(
        "c-3", "rep-1", ClaimKind.OTHER, "confirms", supports=("c-2",), contradicts=("c-1",)
    )
    with store.session() as session:
        ReportRepository(session).add(report)
        ClaimRepository(session).add_many([echo, ngo, regime])  # links to later claims work
    with store.reader() as session:
        claims = ClaimRepository(session)
        assert claims.get("c-2") == ngo
        assert claims.by_report("rep-1") == [regime, ngo, echo]
        assert claims.linked_to("c-1") == [
            ("c-2", ClaimRelation.CONTRADICTS),
            ("c-3", ClaimRelation.CONTRADICTS),
        ]
        back = claims.get("c-2")
        assert back is not None
        assert dict(back.subject) == dict(ngo.subject)
        assert type(back.subject["exact"]) is bool


def test_officials_and_workspace_meta(store: Store) -> None:
    official = Official("o-1", name_fa="فرمانده", name_en="Commander X")
    with store.session() as session:
        OfficialRepository(session).add(official)
        MetaRepository(session).set("workspace_id", "ws-1")
        MetaRepository(session).set("note", "یادداشت")
        MetaRepository(session).set("workspace_id", "ws-2")
    with store.reader() as session:
        assert OfficialRepository(session).get("o-1") == official
        assert OfficialRepository(session).list() == [official]
        meta = MetaRepository(session)
        assert meta.get("workspace_id") == "ws-2"
        assert meta.get("missing") is None
        assert meta.items() == {"note": "یادداشت", "workspace_id": "ws-2"}


def test_counts_cover_the_main_tables(store: Store, source: Source) -> None:
    assert store.counts()["sources"] == 1
    with store.session() as session:
        RecordRepository(session).add_many(make_record(source, n) for n in range(5))
        PersonRepository(session).add(Person("p-1"))
        EvidenceRepository(session).add(make_evidence(source))
    counts = store.counts()
    assert counts["records"] == 5
    assert counts["persons"] == 1
    assert counts["evidence_items"] == 1
    assert counts["claims"] == 0
    assert set(counts) == {
        "sources",
        "reports",
        "evidence_items",
        "records",
        "persons",
        "incidents",
        "acts",
        "claims",
        "units",
        "officials",
    }


def test_record_keys_sort_by_source_then_id() -> None:
    assert sorted([RecordKey("b", "1"), RecordKey("a", "2")])[0] == RecordKey("a", "2")
