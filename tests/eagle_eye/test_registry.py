"""eagle_eye.registry: every row validated, the whole file imported or none of it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import select

from eagle_eye import db, registry
from eagle_eye.errors import RegistryError
from eagle_eye.models import Organisation, OrgType
from eagle_eye.settings import Settings

HEADER = ("org_id,name,org_type,province,district,website,coordinator_name,coordinator_email,"
          "coordinator_phone,province_coordinator_email")
GOOD = "6300101,อบต.แม่ระกา,อบต.,พิษณุโลก,วังทอง,http://www.maeraka.go.th,สมศรี ใจดี,pdpa@maeraka.go.th,055-123456,plk@dla.go.th"
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join((header, *rows)) + "\n").encode("utf-8")


def row(**changes: str) -> str:
    values = dict(zip(HEADER.split(","), GOOD.split(",")))
    values.update(changes)
    return ",".join(values.values())


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("sao", OrgType.SAO),  # the code
        ("อบต.", OrgType.SAO),  # the abbreviation people type
        ("องค์การบริหารส่วนตำบล", OrgType.SAO),  # the full Thai name
        ("อบจ.", OrgType.PAO),
        ("เทศบาลนคร", OrgType.CITY),
        ("ทม.", OrgType.TOWN),
        ("เทศบาลตำบล", OrgType.SUBDISTRICT),
        ("SAO", OrgType.SAO),  # codes in capitals
        ("other", OrgType.OTHER),
    ],
)
def test_when_org_type_written_any_accepted_way_then_read_as_its_code(cell, expected):
    [org] = registry.parse_registry(csv_bytes(row(org_type=cell)))
    assert org.org_type is expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("พิษณุโลก", "พิษณุโลก"),  # as the DLA writes it
        ("จังหวัดพิษณุโลก", "พิษณุโลก"),  # with the word "province"
        ("จ.พิษณุโลก", "พิษณุโลก"),  # abbreviated
        ("Phitsanulok", "พิษณุโลก"),  # English
        ("bangkok", "กรุงเทพมหานคร"),  # English, lower case
    ],
)
def test_when_province_written_any_accepted_way_then_stored_in_thai(cell, expected):
    [org] = registry.parse_registry(csv_bytes(row(province=cell)))
    assert org.province == expected


def test_when_several_websites_then_each_kept_canonical_and_deduplicated():
    [org] = registry.parse_registry(csv_bytes(row(website="HTTP://WWW.Maeraka.go.th  https://maeraka.go.th/news http://www.maeraka.go.th/")))
    assert org.websites == ["http://www.maeraka.go.th/", "https://maeraka.go.th/news"]


@pytest.mark.parametrize(
    ("rows", "line", "field"),
    [
        ((row(org_id=""),), 2, "org_id"),  # missing key
        ((row(org_id="63 001"),), 2, "org_id"),  # a space inside the key
        ((row(name=""),), 2, "name"),
        ((row(org_type="หมู่บ้าน"),), 2, "org_type"),  # not a local government
        ((row(province="Korat"),), 2, "province"),  # a nickname, not a province
        ((row(website=""),), 2, "website"),
        ((row(website="www.maeraka.go.th"),), 2, "website"),  # no scheme
        ((row(website="ftp://maeraka.go.th"),), 2, "website"),
        ((row(coordinator_email="สมศรี"),), 2, "coordinator_email"),
        ((row(province_coordinator_email="plk@dla"),), 2, "province_coordinator_email"),
        ((row(coordinator_phone="ask the clerk"),), 2, "coordinator_phone"),
        ((GOOD, row(name="again")), 3, "org_id"),  # the same org_id twice
        ((GOOD, GOOD + ",extra"), 3, "row"),  # more cells than columns
        ((GOOD, row(org_id="6300102", name='"two\nlines"'), row(org_id="x y")), 5, "org_id"),  # line numbers count quoted line breaks
    ],
)
def test_when_a_row_is_bad_then_the_error_names_its_line_and_field(rows, line, field):
    with pytest.raises(RegistryError) as err:
        registry.parse_registry(csv_bytes(*rows), source="orgs.csv")
    assert (line, field) in [(p[0], p[1]) for p in err.value.problems]
    assert f"line {line}, {field}:" in str(err.value)


def test_when_several_rows_are_bad_then_every_problem_is_listed():
    with pytest.raises(RegistryError) as err:
        registry.parse_registry(csv_bytes(row(org_id="a", org_type="?"), GOOD, row(org_id="b", website="x")))
    assert [(p[0], p[1]) for p in err.value.problems] == [(2, "org_type"), (4, "website")]


def test_when_a_required_column_is_missing_then_the_header_is_blamed():
    with pytest.raises(RegistryError) as err:
        registry.parse_registry(csv_bytes(GOOD.rsplit(",", 1)[0], header=HEADER.rsplit(",", 1)[0]))
    assert err.value.problems == [(1, "header", "missing column(s): province_coordinator_email")]


def test_when_file_is_tis620_then_error_says_to_save_as_utf8():
    with pytest.raises(RegistryError, match="not UTF-8"):
        registry.parse_registry(csv_bytes(GOOD).decode("utf-8").encode("tis-620"))


def test_when_excel_bom_and_blank_rows_then_read_normally():
    data = b"\xef\xbb\xbf" + csv_bytes(GOOD, ",,,,,,,,,")
    assert [o.org_id for o in registry.parse_registry(data)] == ["6300101"]


def test_when_optional_start_pages_column_then_kept_and_unknown_columns_ignored():
    data = csv_bytes(GOOD + ",http://www.maeraka.go.th/ita,note", header=HEADER + ",start_pages,notes")
    [org] = registry.parse_registry(data)
    assert org.start_pages == ["http://www.maeraka.go.th/ita"]


@pytest.fixture
def engine(tmp_path):
    return db.open_database(Settings(data_dir=tmp_path))


def test_when_imported_twice_with_a_change_then_updated_in_place(engine):
    with db.session_scope(engine) as session:
        first = registry.import_organisations(session, registry.parse_registry(csv_bytes(GOOD)), now=NOW)
    later = NOW + timedelta(days=1)
    with db.session_scope(engine) as session:
        again = registry.import_organisations(
            session, registry.parse_registry(csv_bytes(row(coordinator_name="สมชาย"), row(org_id="6300102"))), now=later)
    assert (first.created, again.created, again.updated, again.unchanged) == (1, 1, 1, 0)
    with db.session_scope(engine) as session:
        org = session.get(Organisation, "6300101")
        assert (org.coordinator_name, org.created_at, org.updated_at) == ("สมชาย", NOW, later)


def test_when_nothing_changed_then_counted_unchanged_and_timestamp_kept(engine):
    for _ in range(2):
        with db.session_scope(engine) as session:
            summary = registry.import_organisations(session, registry.parse_registry(csv_bytes(GOOD)), now=NOW)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)


def test_when_a_province_is_filtered_then_only_its_organisations_listed(engine):
    with db.session_scope(engine) as session:
        registry.import_organisations(session, registry.parse_registry(
            csv_bytes(GOOD, row(org_id="3010101", province="นครราชสีมา"))), now=NOW)
    with db.session_scope(engine) as session:
        assert [o.org_id for o in registry.list_organisations(session, province="จังหวัดนครราชสีมา")] == ["3010101"]
        assert [o.org_id for o in registry.list_organisations(session)] == ["3010101", "6300101"]
        with pytest.raises(ValueError):
            registry.list_organisations(session, province="Korat")


def test_when_the_transaction_fails_midway_then_no_row_is_stored(engine):
    rows = registry.parse_registry(csv_bytes(GOOD, row(org_id="6300102")))
    with pytest.raises(RuntimeError):
        with db.session_scope(engine) as session:
            registry.import_organisations(session, rows, now=NOW)
            raise RuntimeError("crash after the upsert, before the commit")
    with db.session_scope(engine) as session:
        assert session.exec(select(Organisation)).all() == []
