"""Published figures that feedback reports are read beside (feedback/data/benchmarks/README.md).

- `national()`: the national survivor survey. Each answer in a report can be shown beside its
  figure, and the figure's source goes with it.
- `local_estimates()`: each area's estimated adult victims by group, keyed by ONS district code.
- `missing_voices()`: the people who gave feedback, by group, beside those estimates ("whose
  voices are missing").

This is a library. It reads only the folder it is given, which defaults to the package's data,
and it never reads settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BENCHMARKS = Path(__file__).resolve().parent / "data" / "benchmarks"
NATIONAL_FILE = "national_survivor_survey_2023.yml"
LOCAL_PREFIX = "local_estimates_"


@dataclass(frozen=True)
class Figure:
    """One published percentage. `key` is its path in the file, with dots between levels (for
    example "needs.mental_health"), so that names such as "agree" stay unambiguous."""

    key: str
    percent: int
    wording: str
    base: str


@dataclass(frozen=True)
class NationalSurvey:
    source: str
    survey: str
    n: int
    note: str
    figures: tuple[Figure, ...]
    # Who answered, in percent. The file keeps this beside the figures (see `note`). hash=False
    # because a dict cannot be hashed, and the survey object should still be hashable.
    respondents: dict[str, int] = field(default_factory=dict, hash=False)

    def figure(self, key: str) -> Figure:
        """The figure at `key`, for example "needs.mental_health". Raises KeyError if absent."""
        for f in self.figures:
            if f.key == key:
                return f
        raise KeyError(key)


@dataclass(frozen=True)
class _Rule:
    label: str
    question: str
    codes: frozenset[str]


# The codes a person may choose for each question about themselves. Everything is optional.
QUESTIONS: dict[str, frozenset[str]] = {
    "gender": frozenset({"woman", "man", "other"}),
    "age": frozenset({"16_24", "25_44", "45_59", "60_plus"}),
    "lgbt": frozenset({"yes", "no"}),
    "ethnic": frozenset({"asian", "black", "mixed", "white", "other"}),  # ONS high-level groups
    "disabled": frozenset({"yes", "no"}),
}

# Each estimate group: its label in reports, the question that places a person in it, and the
# answers that count. An area's file may use only these keys, because any other group would
# have no respondents to compare against.
GROUPS: dict[str, _Rule] = {
    "female": _Rule("Women", "gender", frozenset({"woman"})),
    "male": _Rule("Men", "gender", frozenset({"man"})),
    "young_16_24": _Rule("Aged 16 to 24", "age", frozenset({"16_24"})),
    "older_60_plus": _Rule("Aged 60 and over", "age", frozenset({"60_plus"})),
    "black_asian_minoritised": _Rule(
        "Black, Asian and minoritised", "ethnic", frozenset({"asian", "black", "mixed", "other"})
    ),
    "disabled": _Rule("Disabled", "disabled", frozenset({"yes"})),
    "lgbtq": _Rule("LGBTQ+", "lgbt", frozenset({"yes"})),
}


@dataclass(frozen=True)
class EstimateGroup:
    key: str
    count: int
    percent: int | None = None  # only when the document prints one


@dataclass(frozen=True)
class LocalEstimates:
    area: str  # ONS local authority district code
    name: str  # from the file name: local_estimates_<name>.yml
    source: str
    period: str
    adult_victims: int  # `adult_victims_past_year`: the total each group's share is taken of
    groups: tuple[EstimateGroup, ...]  # in the file's order, which reports keep
    others: dict[str, int] = field(default_factory=dict, hash=False)  # kept but not compared

    def __post_init__(self) -> None:
        # Checked here rather than in missing_voices, so a file with a group we cannot compare
        # against fails when it is loaded, not later in a report.
        unknown = [g.key for g in self.groups if g.key not in GROUPS]
        if unknown:
            raise ValueError(f"{self.area}: unknown groups {unknown}; known: {list(GROUPS)}")
        if self.adult_victims <= 0:
            raise ValueError(f"{self.area}: adult_victims_past_year must be positive")


@dataclass(frozen=True)
class GroupShare:
    """One group of respondents beside the area's estimate. Shares are fractions from 0 to 1."""

    group: str
    label: str
    respondents: int  # respondents in the group
    base: int  # respondents who answered the question that places people in the group
    share: float | None  # respondents / base; None when nobody answered
    estimated_share: float
    under_represented: bool


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def _figures(tree: Mapping[str, Any], default_base: str, prefix: str = "") -> list[Figure]:
    # A mapping with a `percent` is a figure. Any other mapping is a heading, such as `needs:`,
    # whose entries are figures or further headings. Flattening them with dotted keys lets a
    # report look each answer up by one name.
    out: list[Figure] = []
    for name, value in tree.items():
        key = f"{prefix}{name}"
        if not isinstance(value, dict):
            raise ValueError(f"figure {key}: expected a mapping, got {value!r}")
        if "percent" in value:
            out.append(
                Figure(
                    key=key,
                    percent=int(value["percent"]),
                    wording=str(value["wording"]),
                    base=str(value.get("base", default_base)),
                )
            )
        else:
            out.extend(_figures(value, default_base, f"{key}."))
    return out


def national(folder: Path = BENCHMARKS) -> NationalSurvey:
    """The national survivor survey in `folder`. A figure without its own `base` is a
    percentage of all respondents."""
    data = _load(folder / NATIONAL_FILE)
    n = int(data["n"])
    return NationalSurvey(
        source=str(data["source"]),
        survey=str(data["survey"]),
        n=n,
        note=str(data.get("note", "")),
        figures=tuple(_figures(data["figures"], f"all {n} respondents")),
        respondents={str(k): int(v) for k, v in (data.get("respondents") or {}).items()},
    )


def local_estimates(folder: Path = BENCHMARKS) -> dict[str, LocalEstimates]:
    """Every `local_estimates_<area>.yml` in `folder`, keyed by the ONS district code in its
    `area:` field. Raises ValueError if two files give the same code."""
    out: dict[str, LocalEstimates] = {}
    for path in sorted(folder.glob(f"{LOCAL_PREFIX}*.yml")):
        data = _load(path)
        groups = tuple(
            EstimateGroup(
                key=str(key),
                count=int(value["count"]),
                percent=None if value.get("percent") is None else int(value["percent"]),
            )
            for key, value in data["groups"].items()
        )
        estimates = LocalEstimates(
            area=str(data["area"]),
            name=path.stem.removeprefix(LOCAL_PREFIX),
            source=str(data["source"]),
            period=str(data["period"]),
            adult_victims=int(data["adult_victims_past_year"]),
            groups=groups,
            others={str(k): int(v) for k, v in (data.get("others") or {}).items()},
        )
        if estimates.area in out:
            raise ValueError(f"{path}: area {estimates.area} is already in another file")
        out[estimates.area] = estimates
    return out


def missing_voices(abouts: list[dict[str, str]], estimates: LocalEstimates) -> list[GroupShare]:
    """Respondents by group beside the area's estimated victims, in the order of the area's file.

    `abouts` holds, for each feedback record, what the person chose to say about themselves,
    using the codes in QUESTIONS (for example {"gender": "woman", "age": "25_44"}). Every
    question is optional.

    A group's base counts only the respondents who answered the question that places people in
    it. A person who skipped the age question counts toward neither the age groups' counts nor
    their base. Counting skipped answers would dilute every share. An answer that is not a
    known code for its question (for example "prefer_not_to_say", or a typing mistake) counts
    as skipped.

    The estimated share is the group's `percent` when the document gives one. Otherwise it is
    the group's count divided by the area's total adult victims.

    The flag `under_represented` is set when the respondents' share is less than half the
    estimated share. It is a simple ratio that a service lead can check by hand and explain
    to a partnership. With small numbers, any share is uncertain. Holding back groups that
    are too small to show is the reporting layer's job, not this module's, so the flag is
    raised whatever the base is (but never when the base is 0).
    """
    shares: list[GroupShare] = []
    for group in estimates.groups:
        rule = GROUPS[group.key]  # LocalEstimates has already checked every key
        valid = QUESTIONS[rule.question]
        answers = [a.get(rule.question) for a in abouts]
        base = sum(1 for answer in answers if answer in valid)
        respondents = sum(1 for answer in answers if answer in rule.codes)
        share = respondents / base if base else None
        estimated = (
            group.percent / 100
            if group.percent is not None
            else group.count / estimates.adult_victims
        )
        shares.append(
            GroupShare(
                group=group.key,
                label=rule.label,
                respondents=respondents,
                base=base,
                share=share,
                estimated_share=estimated,
                under_represented=share is not None and share < estimated / 2,
            )
        )
    return shares
