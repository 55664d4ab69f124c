"""Service leads (feedback/leads.py) and the commands that add one and write a report."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from feedback import leads, store
from tests.conftest import ROOT
from tests.feedback.seed import seed

ZEROS = "0" * 64


def test_a_lead_added_is_found_by_their_token_and_only_a_hash_is_kept(tmp_path):
    path = tmp_path / "leads.yml"
    token = leads.add(path, "Telford lead", ["E06000020"])
    other = leads.add(path, "Everyone", None)
    assert token not in path.read_text() and stat.S_IMODE(path.stat().st_mode) == 0o600
    found = leads.read(path)
    assert leads.find(found, token) == found[0] and found[0].areas == frozenset({"E06000020"})
    assert leads.find(found, other).areas is None
    assert leads.find(found, token + "x") is None and leads.find(found, "") is None
    assert leads.find(leads.with_default([], "simple"), "simple").areas is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (f"leads: [{{name: a, areas: [Telford], token_sha256: '{ZEROS}'}}]", "district codes"),
        ("leads: [{name: a, areas: '*', token_sha256: abc}]", "64 hex"),
        (f"leads: [{{areas: '*', token_sha256: '{ZEROS}'}}]", "without a name"),
    ],
)
def test_a_bad_leads_file_is_refused_with_why(tmp_path, text, message):
    path = tmp_path / "leads.yml"
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        leads.read(path)


def test_lantern_report_writes_one_printable_file(tmp_path):
    engine = store.connect(store.sqlite_url(tmp_path / "feedback.db"))
    store.migrate(engine)
    seed(engine, 12)
    engine.dispose()
    out = tmp_path / "report.html"
    env = os.environ | {"VAR_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "lantern.cli", "report", "--area", "E06000020",
               "--from", "2026-01", "--to", "2026-12", "--out", str(out)]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    html = out.read_text()
    assert "<style>" in html and "12" in html and "people gave feedback" in html
    bad = subprocess.run([*command[:5], "Telford"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)  # fmt: skip
    assert bad.returncode == 2 and "district code" in bad.stderr
