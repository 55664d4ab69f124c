"""How well the anonymiser hides what it must, on labelled feedback written by people who never
saw its code (tests/data/anonymise/): recall per kind of detail, and precision.

A labelled detail counts as hidden when every letter and digit of it is inside something the
anonymiser replaced, whatever kind it called it: what matters is that it is gone. Precision is
over what was replaced: a replacement is right when it touches a labelled detail.

    uv run python -m harness.anonymiser_quality [--strict] [files...]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from feedback.anonymise import Found, find

DATA_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "anonymise"


@dataclass
class Quality:
    labelled: Counter = field(default_factory=Counter)
    hidden: Counter = field(default_factory=Counter)
    replaced: int = 0
    replaced_right: int = 0
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # kind, detail, text
    wrong: list[tuple[str, str]] = field(default_factory=list)  # replaced, text

    def recall(self, kind: str | None = None) -> float:
        labelled = self.labelled[kind] if kind else sum(self.labelled.values())
        hidden = self.hidden[kind] if kind else sum(self.hidden.values())
        return hidden / labelled if labelled else 1.0

    @property
    def precision(self) -> float:
        return self.replaced_right / self.replaced if self.replaced else 1.0


def cases(paths: list[Path] | None = None) -> list[dict]:
    found = []
    for path in paths or sorted(DATA_DIR.glob("*.yml")):
        found += yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    return found


def _spans(text: str, entities: list[dict]) -> list[tuple[str, int, int]]:
    """Each labelled detail's place in the text, in order (a repeated detail, each time)."""
    spans, cursor = [], {}
    for entity in entities:
        start = text.find(entity["text"], cursor.get(entity["text"], 0))
        if start < 0:
            raise ValueError(f"{entity['text']!r} is not in {text!r}")
        cursor[entity["text"]] = start + len(entity["text"])
        spans.append((entity["type"], start, start + len(entity["text"])))
    return spans


# Words inside a labelled detail that identify no one on their own: a title before a name
# ("Mrs Okafor"), the unit of an age ("aged 6", "3 month old"). Writers of the sets label them
# differently (set G took them in, set F left them out); the anonymiser keeps a title as a role
# ("PC Jones": "the officer"). With `strict`, every letter counts, as the first plays of A to G did.
NO_ONE = frozenset(
    """mr mrs ms miss mx dr pc wpc dc ds di sgt sergeant inspector constable officer nurse rev
    prof cllr aged age old year years yr yrs yo y month months mth mths week weeks wk wks
    birthday""".split()
)


def _hidden(text: str, start: int, end: int, found: list[Found], strict: bool) -> bool:
    ignored: set[int] = set()
    if not strict:
        for word in re.finditer(r"[^\W\d_]+", text[start:end]):
            if word.group(0).lower() in NO_ONE:
                ignored.update(range(start + word.start(), start + word.end()))
        # "4yrs", "6yo": the unit run onto the number.
        for unit in re.finditer(r"(?<=\d)(?:yrs?|yo|y)\b", text[start:end], re.IGNORECASE):
            ignored.update(range(start + unit.start(), start + unit.end()))
    return all(
        any(f.start <= i < f.end for f in found)
        for i in range(start, end)
        if text[i].isalnum() and i not in ignored
    )


def measure(all_cases: list[dict], strict: bool = False) -> Quality:
    quality = Quality()
    for case in all_cases:
        text = case["text"]
        found = find(text)
        spans = _spans(text, case.get("entities") or [])
        for kind, start, end in spans:
            quality.labelled[kind] += 1
            if _hidden(text, start, end, found, strict):
                quality.hidden[kind] += 1
            else:
                quality.missed.append((kind, text[start:end], text))
        for f in found:
            quality.replaced += 1
            if any(f.start < end and start < f.end for _, start, end in spans):
                quality.replaced_right += 1
            else:
                quality.wrong.append((text[f.start : f.end], text))
    return quality


def report(quality: Quality) -> str:
    lines = [f"{'kind':<12} {'hidden':>7} {'recall':>7}"]
    for kind, count in quality.labelled.most_common():
        lines.append(
            f"{kind:<12} {quality.hidden[kind]:>3}/{count:<3} {quality.recall(kind):>7.3f}"
        )
    total = sum(quality.labelled.values())
    lines.append(
        f"{'all':<12} {sum(quality.hidden.values()):>3}/{total:<3} {quality.recall():>7.3f}"
    )
    lines.append(f"precision {quality.replaced_right}/{quality.replaced} = {quality.precision:.3f}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    strict = "--strict" in argv
    quality = measure(cases([Path(a) for a in argv if a != "--strict"] or None), strict)
    print(report(quality))
    for kind, detail, text in quality.missed:
        print(f"missed {kind}: {detail!r} in {text!r}")
    for detail, text in quality.wrong:
        print(f"replaced, not labelled: {detail!r} in {text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
