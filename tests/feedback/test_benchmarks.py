"""Benchmarks for feedback reports (feedback/benchmarks.py): the package's copies of the published
figures, and "whose voices are missing"."""

from __future__ import annotations

from pathlib import Path

import pytest

from feedback import benchmarks
from feedback.benchmarks import EstimateGroup, LocalEstimates, missing_voices

TELFORD = "E06000020"


@pytest.fixture(scope="module")
def survey() -> benchmarks.NationalSurvey:
    return benchmarks.national()


@pytest.fixture(scope="module")
def telford() -> LocalEstimates:
    return benchmarks.local_estimates()[TELFORD]


def test_national_figures_are_the_published_ones(survey):
    assert survey.n == 173
    assert survey.source.startswith("SafeLives (2023) A public health approach")
    mental = survey.figure("needs.mental_health")
    assert (mental.percent, mental.base) == (69, "all 173 respondents")
    assert mental.wording == "selecting mental health support as a key need"
    assert survey.figure("twenty_four_hour_important").percent == 68
    assert survey.figure("right_support_available_when_needed.agree").percent == 40
    children = survey.figure("children_offered_support")
    assert (children.percent, children.base) == (28, "124 respondents who had children")
    assert survey.respondents["women"] == 94
    assert len(survey.figures) == 20
    assert len({f.key for f in survey.figures}) == len(survey.figures)
    with pytest.raises(KeyError):
        survey.figure("mental_health")  # keys carry their heading: needs.mental_health


def test_telford_estimates_are_the_published_ones(telford):
    assert telford.area == TELFORD
    assert telford.name == "telford_and_wrekin"
    assert telford.source.startswith("Telford & Wrekin Co-operative Council")
    assert telford.adult_victims == 7020
    assert telford.groups[0] == EstimateGroup("female", 4470, 68)
    assert [g.key for g in telford.groups] == [
        "female",
        "male",
        "young_16_24",
        "older_60_plus",
        "black_asian_minoritised",
        "disabled",
        "lgbtq",
    ]
    assert telford.others["children_in_household_with_partner_abuse"] == 3914


@pytest.mark.parametrize(
    ("name", "source"),
    [
        (
            "national_survivor_survey_2023.yml",
            'source: "SafeLives (2023) A public health approach to ending domestic abuse for the'
            ' whole family. Findings and Recommendations for Best Practice"',
        ),
        (
            "local_estimates_telford_and_wrekin.yml",
            'source: "Telford & Wrekin Co-operative Council, Domestic Abuse Strategy 2023-2025,'
            " 'What the needs assessment tells us'\"",
        ),
    ],
)
def test_copies_keep_their_attribution(name, source):
    lines = (benchmarks.BENCHMARKS / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(f"# Copied unchanged from shared/data/benchmarks/{name}")
    assert "attribution" in lines[0]
    assert source in lines


def test_benchmarks_are_not_read_as_themes_training_data():
    # feedback/themes.py reads feedback/data/*.yml, which is the top level only.
    training = {p.name for p in benchmarks.BENCHMARKS.parent.glob("*.yml")}
    assert not training & {p.name for p in benchmarks.BENCHMARKS.glob("*.yml")}


def _estimates(*groups: EstimateGroup, total: int = 1000) -> LocalEstimates:
    return LocalEstimates("E00000000", "test", "test source", "test period", total, groups)


def test_missing_voices_counts_only_those_who_answered():
    estimates = _estimates(
        EstimateGroup("female", 700, 70),
        EstimateGroup("young_16_24", 250),
        EstimateGroup("black_asian_minoritised", 100),
    )
    abouts = [
        {"gender": "woman", "age": "25_44", "ethnic": "white"},
        {"gender": "woman", "age": "16_24"},
        {"gender": "man"},
        {"ethnic": "black"},  # skipped gender and age
        {},  # skipped everything
        {"gender": "prefer_not_to_say", "age": "", "ethnic": "Asian"},  # no known code
    ]
    female, young, minoritised = missing_voices(abouts, estimates)

    assert (female.group, female.label) == ("female", "Women")
    assert (female.respondents, female.base) == (2, 3)
    assert female.share == pytest.approx(2 / 3)
    assert female.estimated_share == pytest.approx(0.70)  # the given percent, not 700/1000
    assert not female.under_represented

    assert (young.respondents, young.base, young.share) == (1, 2, 0.5)
    assert young.estimated_share == pytest.approx(0.25)  # count / total adult victims
    assert not young.under_represented

    assert (minoritised.respondents, minoritised.base, minoritised.share) == (1, 2, 0.5)
    assert minoritised.estimated_share == pytest.approx(0.10)


def test_missing_voices_flags_a_share_below_half_the_estimate():
    estimates = _estimates(EstimateGroup("disabled", 500), EstimateGroup("lgbtq", 100))
    abouts = [{"disabled": "yes", "lgbt": "no"}] + [{"disabled": "no", "lgbt": "no"}] * 4
    disabled, lgbtq = missing_voices(abouts, estimates)
    # 1 in 5 against an estimated half: 0.2 < 0.5 / 2
    assert (disabled.respondents, disabled.base, disabled.share) == (1, 5, 0.2)
    assert disabled.under_represented
    assert (lgbtq.respondents, lgbtq.share) == (0, 0.0)
    assert lgbtq.under_represented  # nobody, against an estimated tenth

    # At exactly half the estimate the flag stays down: the rule is "less than half".
    half = missing_voices([{"disabled": "yes"}] + [{"disabled": "no"}] * 3, estimates)[0]
    assert half.share == 0.25 and not half.under_represented


def test_missing_voices_on_no_feedback_keeps_every_group_with_no_share(telford):
    shares = missing_voices([], telford)
    assert [s.group for s in shares] == [g.key for g in telford.groups]
    assert all(s.respondents == 0 and s.base == 0 and s.share is None for s in shares)
    assert not any(s.under_represented for s in shares)  # nothing to compare yet
    by_group = {s.group: s for s in shares}
    assert by_group["female"].estimated_share == pytest.approx(0.68)
    assert by_group["disabled"].estimated_share == pytest.approx(3700 / 7020)


def test_an_unknown_code_is_ignored_not_counted(telford):
    shares = {s.group: s for s in missing_voices([{"ethnic": "martian", "lgbt": "y"}], telford)}
    assert (
        shares["black_asian_minoritised"].respondents,
        shares["black_asian_minoritised"].base,
    ) == (0, 0)
    assert (shares["lgbtq"].respondents, shares["lgbtq"].base) == (0, 0)
    # An unknown question is ignored too.
    assert all(s.base == 0 for s in missing_voices([{"religion": "yes"}], telford))


def test_an_area_file_is_loaded_from_the_folder_given(tmp_path: Path):
    (tmp_path / "local_estimates_elsewhere.yml").write_text(
        "area: E06000051\nsource: s\nperiod: p\nadult_victims_past_year: 200\n"
        "groups:\n  male: {count: 50}\n",
        encoding="utf-8",
    )
    (tmp_path / "notes.yml").write_text("area: not an estimates file\n", encoding="utf-8")
    loaded = benchmarks.local_estimates(tmp_path)
    assert list(loaded) == ["E06000051"]
    assert loaded["E06000051"].groups == (EstimateGroup("male", 50),)
    assert loaded["E06000051"].others == {}


def test_an_area_file_with_a_group_we_cannot_compare_is_refused(tmp_path: Path):
    (tmp_path / "local_estimates_elsewhere.yml").write_text(
        "area: E06000051\nsource: s\nperiod: p\nadult_victims_past_year: 200\n"
        "groups:\n  over_75: {count: 50}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="over_75"):
        benchmarks.local_estimates(tmp_path)


def test_two_files_for_one_area_are_refused(tmp_path: Path):
    text = "area: E06000051\nsource: s\nperiod: p\nadult_victims_past_year: 200\ngroups: {}\n"
    for name in ("local_estimates_a.yml", "local_estimates_b.yml"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="already"):
        benchmarks.local_estimates(tmp_path)
