"""One reader for each kind of data file the shipped code reads (issue 15: three directory
loaders and four readers of the domain had each drifted from the others).

Every YAML parse in the shipped packages is listed here with what it reads. A new parse means
a second reader of something: use the one below, or add a new kind of file here on purpose.
"""

from __future__ import annotations

import ast

from tests.conftest import ROOT
from tests.test_dependencies import SHIPPED

READERS = {
    "directory/national.py": "the service directory (directory/data/*.yml)",
    "lantern/domain.py": "the domain (bot/domain/*.yml)",
    "actions/topics.py": "the rules (data/rules/*.yml)",
    "reading/learned_reader.py": "NLU lines and the learned readers' corpora",
    "bot/languages/__init__.py": "the translated safety messages",
    "feedback/themes.py": "the feedback themes' labelled examples (feedback/data/)",
    "feedback/benchmarks.py": "the reference figures for reports (feedback/data/benchmarks/)",
    "feedback/leads.py": "the service leads file (LEADS_FILE)",
}


def _yaml_parses() -> set[str]:
    found = set()
    for package in SHIPPED:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("load", "safe_load", "full_load", "unsafe_load")
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "yaml"
                ):
                    found.add(str(path.relative_to(ROOT)))
    return found


def test_each_kind_of_data_file_has_one_reader():
    assert _yaml_parses() == set(READERS)
