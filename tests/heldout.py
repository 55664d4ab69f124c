"""The held-out sets in tests/data: never used for training, read the same way by every test."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def sections(name: str) -> dict[str, list[str]]:
    """Lines of a held-out file, keyed by the last `# immediate` / `# suicide` header seen."""
    found: dict[str, list[str]] = {}
    current = "all"
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            header = line.lstrip("#").strip().lower()
            if header in ("immediate", "suicide"):
                current = header
            continue
        if line:
            found.setdefault(current, []).append(line)
    return found


DANGER = sections("danger_heldout.txt")
CALM = [line for lines in sections("calm_heldout.txt").values() for line in lines]
