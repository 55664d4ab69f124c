"""Every third-party package the shipped code imports is declared in pyproject.toml, not merely
installed because something else needs it (twilio and psutil were, until issue 15)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from tests.conftest import ROOT

# The packages the wheel ships, as pyproject.toml names them.
SHIPPED = tuple(
    tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"]["targets"][
        "wheel"
    ]["packages"]
)


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for package in SHIPPED:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_normal(re.split(r"[<>=!~;\[ ]", d)[0]) for d in project["dependencies"]}
    owners = packages_distributions()
    missing = {}
    for module, where in _imported().items():
        if module in sys.stdlib_module_names or module in (*SHIPPED, "harness", "__future__"):
            continue
        distributions = {_normal(d) for d in owners.get(module, [module])}
        if not distributions & declared:
            missing[module] = sorted(where)[:3]
    assert missing == {}, f"imported but not declared in pyproject.toml: {missing}"


def test_shipped_code_imports_no_harness_tests_or_benchmarks():
    # harness/ (background stacks, scoring), tests/ and bench/ are not in the wheel: a service
    # importing one would fail where it is installed, not here.
    imported = _imported()
    # Except `lantern evaluate`, which the design names as a command: it imports the harness
    # when run, from a checkout, and says so plainly where the harness is not installed.
    imported["harness"] = imported.get("harness", set()) - {"lantern/cli.py"}
    assert {
        k: sorted(v) for k, v in imported.items() if k in ("harness", "tests", "bench") and v
    } == {}
