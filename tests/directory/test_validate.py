"""`lantern directory validate`: the real data passes, and each kind of mistake is caught."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import yaml

from directory import validate
from directory.national import DATA_DIR, DirectoryError, _check
from directory.national import load as national_load
from lantern import cli

GOOD = {
    "id": "test-helpline",
    "name": "Test helpline",
    "organization": "Test charity",
    "scope": "national",
    "area": "England",
    "phone": "0808 157 0123",  # Ofcom's freephone drama range: never a real line
    "url": "https://example.org/help",
    "needs": ["helpline"],
    "audiences": ["everyone"],
    "summary": "A helpline used only by these tests.",
    "source": "https://example.org/help",
    "sources": [{"url": "http://example.org/help", "confirms": "the number and the hours"}],
    "verified": dt.date(2026, 11, 1),
}
TODAY = dt.date(2026, 11, 24)


def _run(tmp_path, *entries, name="a.yml"):
    (tmp_path / name).write_text(yaml.safe_dump({"services": list(entries)}))
    return [str(f) for f in validate.validate(tmp_path, today=TODAY)]


def _with(**changes):
    entry = copy.deepcopy(GOOD)
    entry.update(changes)
    return entry


def test_the_real_directory_has_no_errors():
    from lantern.facts import FACTS

    errors = [f for f in validate.validate(quoted=FACTS) if f.level == "error"]
    assert errors == []


def test_the_command_passes_on_the_real_data(capsys):
    assert cli.main(["directory", "validate"]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_a_good_entry_has_no_findings(tmp_path):
    assert _run(tmp_path, GOOD) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "0808 123"}, "not a valid UK phone number"),
        ({"phone": "+44 808 2000 247"}, "only digits and spaces"),
        ({"text": "call me"}, "only digits and spaces"),
        ({"audiences": ["woman"]}, "unknown audience woman"),
        ({"needs": ["refuges"]}, "unknown need refuges"),
        ({"needs": []}, "needs"),
        ({"source": "http://example.org/help"}, "must start with https://"),
        ({"source": "https://example.org/other"}, "source must be one of the sources' urls"),
        ({"verified": dt.date(2099, 1, 1)}, "cannot be dated in the future"),
        ({"verified": "last week"}, "verified"),
        ({"area": "Cymru"}, "use one of"),
        ({"id": "Test Helpline"}, "lower-case words joined by hyphens"),
        ({"unverified": ["summary"]}, "which users are never shown"),
        ({"scope": "local", "area": None}, "needs service_area"),
        ({"scope": "local", "service_area": ["E99999999"]}, "unknown local authority code"),
        ({"languages": ["English"]}, "ISO 639"),
        ({"access": ["sign"]}, "unknown access sign"),
        ({"colour": "blue"}, "extra fields not permitted"),
    ],
)
def test_each_mistake_is_an_error_naming_the_entry(tmp_path, changes, message):
    [finding] = _run(tmp_path, _with(**changes))
    where = f"error: a.yml {changes.get('id', 'test-helpline')}: "
    assert finding.startswith(where) and message in finding, finding


def test_a_local_service_with_real_districts_is_fine(tmp_path):
    telford = _with(scope="local", area=None, service_area=["E06000020"])
    assert _run(tmp_path, telford) == []


def test_duplicate_ids_across_files(tmp_path):
    _run(tmp_path, GOOD, name="a.yml")
    findings = _run(tmp_path, GOOD, name="b.yml")
    assert findings == ["error: b.yml test-helpline: duplicate id (also in a.yml test-helpline)"]


def test_broken_files_are_errors(tmp_path):
    (tmp_path / "bad.yml").write_text("services: [unclosed")
    (tmp_path / "empty.yml").write_text("")
    findings = [str(f) for f in validate.validate(tmp_path, today=TODAY)]
    assert any(f.startswith("error: bad.yml: not valid YAML") for f in findings)
    assert "error: empty.yml: needs a `services:` list" in findings


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("services: [unclosed", "not valid YAML"),
        ("", "needs a `services:` list"),
        ("- just a list", "needs a `services:` list"),
        ("services: {a: 1}", "needs a `services:` list"),
        ("services: [plain words]", "not a mapping"),
    ],
)
def test_the_loader_and_validate_read_a_broken_file_alike(tmp_path, text, problem):
    # One reader (national.read) for the loader, validate and the spreadsheet: a file validate
    # calls broken must stop the loader with the same reason, never a KeyError or TypeError.
    (tmp_path / "bad.yml").write_text(text)
    assert any(problem in str(f) for f in validate.validate(tmp_path, today=TODAY))
    with pytest.raises(DirectoryError, match=problem):
        national_load(tmp_path)


def test_warnings_unverified_nothing_to_contact_and_stale(tmp_path):
    old = _with(verified=dt.date(2025, 11, 1), unverified=["phone", "url"])
    assert _run(tmp_path, old) == [
        "warning: a.yml test-helpline: not verified, never shown: phone, url",
        "warning: a.yml test-helpline: nothing verified to contact: never offered",
        "warning: a.yml test-helpline: last checked 2025-11-01: check it again",
    ]


def test_errors_fail_the_command(tmp_path, capsys):
    (tmp_path / "a.yml").write_text(yaml.safe_dump({"services": [_with(phone="12")]}))
    assert validate.main(tmp_path) == 1
    assert "1 errors" in capsys.readouterr().out


def test_the_loader_refuses_what_the_schema_refuses():
    with pytest.raises(DirectoryError, match="not a valid UK phone number"):
        _check(_with(phone="0808 123"), set())
    assert DATA_DIR.is_dir()


def test_a_reply_quoting_a_missing_or_unverified_fact_is_an_error(tmp_path):
    (tmp_path / "a.yml").write_text(yaml.safe_dump({"services": [_with(unverified=["url"])]}))
    quoted = {"x_phone": ("test-helpline", "phone"), "x_url": ("test-helpline", "url"),
              "y_phone": ("gone", "phone")}  # fmt: skip
    errors = [str(f) for f in validate.validate(tmp_path, TODAY, quoted) if f.level == "error"]
    assert errors == [
        "error: lantern/facts.py: x_url: test-helpline.url is not verified",
        "error: lantern/facts.py: y_phone: no service gone",
    ]


def test_the_benchmarks_generated_services_are_valid(tmp_path):
    from bench.directory import generate

    generate(50, tmp_path)
    assert [f for f in validate.validate(tmp_path, today=TODAY) if f.level == "error"] == []


def test_a_web_chat_only_service_is_offered_and_not_warned_about(tmp_path):
    # "Contactable" has one meaning (directory/national.py): validate once warned "never
    # offered" about a service search then offered.
    from directory.search import Index, Query

    chat_only = _with(phone=None, url=None, webchat="https://example.org/chat")
    chat_only.pop("phone"), chat_only.pop("url")
    assert _run(tmp_path, chat_only) == []
    found = Index({"test-helpline": national_load(tmp_path)["test-helpline"]}).search(Query())
    assert [s["id"] for s in found] == ["test-helpline"]


def test_the_directory_library_reads_no_application_settings():
    # lantern.facts imports the directory; the directory takes its paths and the quoted facts as
    # arguments, so it never imports lantern back.
    import subprocess
    import sys

    code = (
        "import sys, directory.national, directory.geo, directory.search, directory.recommend,"
        " directory.validate, directory.spreadsheet;"
        " print(sorted(m for m in sys.modules if m.split('.')[0] == 'lantern'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
