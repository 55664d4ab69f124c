from __future__ import annotations

import pytest

from directory import national
from lantern import facts


def test_facts_domain_is_current_with_the_directory():
    # `lantern train` regenerates it; a stale copy would show users an old number.
    assert facts.DOMAIN_FILE.read_text() == facts.render()


def test_every_fact_has_a_source_and_a_checked_date():
    services = national.national_services()
    for service_id, _ in facts.FACTS.values():
        assert services[service_id]["source"].startswith("https://")
        assert services[service_id]["verified"]


def test_unverified_field_is_never_shown():
    unverified = [
        (sid, field)
        for sid, s in national.national_services().items()
        for field in s.get("unverified", [])
    ]
    assert unverified, "the data marks some fields unverified; this test needs one"
    sid, field = unverified[0]
    with pytest.raises(national.DirectoryError):
        national.verified_field(sid, field)


def test_loader_rejects_an_undated_or_unsourced_entry(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "services:\n  - id: x\n    name: X\n    source: http://x\n    verified: 2026-01-01\n"
    )
    with pytest.raises(national.DirectoryError, match="https"):
        national.load(tmp_path)
    bad.write_text("services:\n  - id: x\n    name: X\n    source: https://x\n")
    with pytest.raises(national.DirectoryError, match="verified"):
        national.load(tmp_path)
