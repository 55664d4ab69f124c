"""The fast inner loop leaves out every test that starts a stack or a browser."""

from __future__ import annotations

import pytest

from tests.conftest import COLLECTED

SLOW = ("tests/e2e/", "tests/browser/")
RASA_TOOLS = ("tests/bot/test_rasa_project.py", "tests/bot/test_nlu_quality.py")


def test_the_fast_loop_leaves_out_stacks_and_browsers(request):
    # Read from this run's own collection, marked and not yet deselected (tests/conftest.py):
    # make test and the fast loop both collect the whole suite. Collecting it again in a fresh
    # pytest, as this test first did, cost 20 s of the fast loop.
    items = request.config.stash.get(COLLECTED, [])
    slow = [item for item in items if item.nodeid.startswith(SLOW)]
    if not slow:
        pytest.skip("only a run that collects the whole suite can check its marks")
    assert len(slow) > 50
    assert [
        i.nodeid for i in slow if not {m.name for m in i.iter_markers()} & {"e2e", "browser"}
    ] == []
    rasa = [item for item in items if item.nodeid.startswith(RASA_TOOLS)]
    assert len(rasa) >= 3 and all(item.get_closest_marker("rasa") for item in rasa)
