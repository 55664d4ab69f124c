"""The directory's CSV round trip: nothing lost, bad rows named by number, nothing half-written."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory import spreadsheet
from directory.national import DATA_DIR
from lantern import cli


@pytest.fixture
def data(tmp_path):
    for path in DATA_DIR.glob("*.yml"):
        shutil.copy(path, tmp_path)
    return tmp_path


def _services(folder):
    return {p.name: yaml.safe_load(p.read_text())["services"] for p in sorted(folder.glob("*.yml"))}


def _rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def _csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_round_trip_loses_nothing(data):
    before = _services(data)
    text = spreadsheet.export_csv(data)
    assert len(_rows(text)) == sum(len(s) for s in before.values())
    spreadsheet.import_csv(text, data)
    assert _services(data) == before
    assert spreadsheet.export_csv(data) == text


def test_import_keeps_each_files_header_comment(data):
    header = (data / "national.yml").read_text().split("services:")[0]
    assert header.strip().startswith("#")
    spreadsheet.import_csv(spreadsheet.export_csv(data), data)
    assert (data / "national.yml").read_text().startswith(header)


def test_an_edit_in_the_spreadsheet_lands_in_its_file(data):
    rows = _rows(spreadsheet.export_csv(data))
    row = next(r for r in rows if r["id"] == "samaritans")
    row["hours"] = "24 hours a day"
    spreadsheet.import_csv(_csv(rows), data)
    [samaritans] = [s for s in _services(data)["national.yml"] if s["id"] == "samaritans"]
    assert samaritans["hours"] == "24 hours a day"


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("phone", "0808 123", "phone: '0808 123': not a valid UK phone number"),
        ("audiences", "everyone; woman", "audiences: unknown audience woman"),
        ("open_24_7", "maybe", "open_24_7: write yes or no, not 'maybe'"),
        ("verified", "23/11/2026", "verified: write the date as YYYY-MM-DD"),
        ("sources", "[{broken", "sources: not valid JSON"),
        ("source", "http://example.org", "source: must start with https://"),
        ("needs", "", "needs"),
        ("file", "../secrets.yml", "file must be a data file name like national.yml"),
    ],
)
def test_a_bad_row_is_rejected_by_number_and_nothing_is_written(data, column, value, reason):
    before = {p.name: p.read_bytes() for p in data.glob("*.yml")}
    rows = _rows(spreadsheet.export_csv(data))
    rows[2][column] = value
    with pytest.raises(spreadsheet.ImportRejected) as rejected:
        spreadsheet.import_csv(_csv(rows), data)
    [problem] = rejected.value.problems
    assert problem.startswith("row 4") and reason in problem, problem
    assert {p.name: p.read_bytes() for p in data.glob("*.yml")} == before


def test_duplicate_ids_name_both_rows(data):
    rows = _rows(spreadsheet.export_csv(data))
    rows.append(dict(rows[0]))
    with pytest.raises(spreadsheet.ImportRejected) as rejected:
        spreadsheet.import_csv(_csv(rows), data)
    assert rejected.value.problems == [f"row {len(rows) + 1}: id {rows[0]['id']} is also in row 2"]


def test_a_missing_column_or_a_stray_cell_is_rejected(data):
    rows = _rows(spreadsheet.export_csv(data))
    for row in rows:
        del row["verified"]
    with pytest.raises(spreadsheet.ImportRejected, match="1 problems"):
        spreadsheet.import_csv(_csv(rows), data)
    text = spreadsheet.export_csv(data).replace("\n", ",extra\n", 2).split("\n", 1)
    stray = text[0].removesuffix(",extra") + "\n" + text[1]
    with pytest.raises(spreadsheet.ImportRejected) as rejected:
        spreadsheet.import_csv(stray, data)
    assert rejected.value.problems == ["row 2: more cells than columns"]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200)
    .map(str.strip)
    .filter(bool)
)
def test_any_note_survives_the_round_trip(data, note):
    rows = _rows(spreadsheet.export_csv(data))
    rows[0]["note"] = note
    spreadsheet.import_csv(_csv(rows), data)
    assert _rows(spreadsheet.export_csv(data))[0]["note"] == note


def test_the_commands(tmp_path, capsys):
    out = tmp_path / "directory.csv"
    assert cli.main(["directory", "export", "--out", str(out)]) == 0
    assert cli.main(["directory", "import", "--check", str(out)]) == 0
    assert "would write" in capsys.readouterr().out
    rows = _rows(out.read_text())
    rows[0]["phone"] = "12"
    out.write_text(_csv(rows))
    assert cli.main(["directory", "import", str(out)]) == 1
    assert "row 2" in capsys.readouterr().err


def _rejected(data, rows) -> list[str]:
    before = {p.name: p.read_bytes() for p in data.glob("*.yml")}
    with pytest.raises(spreadsheet.ImportRejected) as rejected:
        spreadsheet.import_csv(_csv(rows), data)
    assert {p.name: p.read_bytes() for p in data.glob("*.yml")} == before, "something was written"
    return rejected.value.problems


def test_import_checks_what_validate_checks(data):
    # The import once checked each row on its own: a district code no one knows and an id
    # already used in a file the sheet leaves alone both went in, and validate failed after.
    rows = _rows(spreadsheet.export_csv(data))
    local = next(r for r in rows if r["service_area"])
    local["service_area"] = "E99999999"
    assert any("unknown local authority code E99999999" in p for p in _rejected(data, rows))
    rows = _rows(spreadsheet.export_csv(data))
    elsewhere = next(r for r in rows if r["file"] != "national.yml")
    only_national = [r for r in rows if r["file"] == "national.yml"]
    only_national[0]["id"] = elsewhere["id"]
    assert any("duplicate id" in p for p in _rejected(data, only_national))
