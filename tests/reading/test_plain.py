"""The reading package stays plain, and the gateway reads messages through it, not through Rasa.

Both the Rasa components and the SMS gateway read danger, language and what people say about
themselves; before issue 15 the gateway imported them from bot/components, a Rasa component
package, so a change made for Rasa could break SMS and the gateway carried Rasa's imports.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

FRAMEWORKS = ("rasa", "rasa_sdk", "sanic", "tensorflow", "fastapi", "starlette", "uvicorn")


def _loaded_after(code: str) -> list[str]:
    """Module names loaded in a fresh interpreter after `code` runs."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.splitlines()[-1])


def _top(names: list[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def test_every_reading_module_imports_no_framework():
    loaded = _loaded_after(
        "import importlib, pkgutil, reading\n"
        "for m in pkgutil.iter_modules(reading.__path__):\n"
        "    importlib.import_module('reading.' + m.name)"
    )
    assert "reading.whose_story" in loaded and "reading.danger_lexicon" in loaded
    assert not _top(loaded) & set(FRAMEWORKS)
    assert not [m for m in loaded if m.startswith(("bot.components", "api", "actions"))]


def test_the_gateway_imports_no_rasa_component():
    loaded = _loaded_after("import api.main")
    assert "reading.danger_lexicon" in loaded and "reading.language" in loaded
    assert not [m for m in loaded if m.startswith("bot.components")]
    assert not _top(loaded) & {"rasa", "rasa_sdk", "sanic", "tensorflow"}
