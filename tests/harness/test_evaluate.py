"""The outcome evaluation (harness/evaluate.py) scores what a person got, not what the
classifier said: each measure on replies made from the real domain's words and the real
directory."""

from __future__ import annotations

import pytest
import yaml

from directory.national import national_services
from harness.evaluate import (
    Case,
    Journey,
    Markers,
    Reply,
    default_paths,
    load_cases,
    score,
    summarise,
)
from lantern import facts
from lantern.domain import responses

SAID = responses()
VALUES = facts.values()


def _said(name: str, **extra: str) -> str:
    return SAID[name][0]["text"].format(**VALUES, **extra)


@pytest.fixture(scope="module")
def markers() -> Markers:
    return Markers.load()


def _case(risk: str = "none", speaker: str = "self", services=("mens-advice-line",)) -> Case:
    return Case("t1", "text", speaker, risk, tuple(services))


def _journey(case: Case, first: list[str], second: list[str] = (), cards=()) -> Journey:
    return Journey(case, "web", Reply(list(first), list(cards)), Reply(list(second)))


def test_danger_counts_only_when_999_is_the_first_thing_said(markers) -> None:
    case = _case("immediate")
    first = score(_journey(case, [_said("utter_danger_immediate"), "more"]), markers)
    late = score(_journey(case, ["Here is some advice.", _said("utter_danger_immediate")]), markers)
    assert first["danger_first"] and not late["danger_first"]


def test_suicide_needs_samaritans_in_the_same_reply(markers) -> None:
    case = _case("suicide")
    without = score(_journey(case, ["Call 999 now if you are in danger."]), markers)
    with_it = score(_journey(case, [_said("utter_danger_suicide")]), markers)
    assert not without["danger_first"] and with_it["danger_first"]


def test_a_false_alarm_is_the_danger_reply_to_a_calm_message(markers) -> None:
    calm = _case("none")
    assert score(_journey(calm, [_said("utter_danger_immediate")]), markers)["false_alarm"]
    advice = "If a child is in danger now, call 999. You don't need to be sure."
    assert not score(_journey(calm, [advice]), markers)["false_alarm"]


def test_the_right_service_by_card_by_name_or_by_number(markers) -> None:
    case = _case(services=("mens-advice-line",))
    by_card = _journey(case, ["words"], cards=["mens-advice-line"])
    # The numbers as the directory holds them (one source of truth), never typed here.
    services = national_services()
    mens, ndah = (
        services["mens-advice-line"]["phone"],
        services["national-domestic-abuse-helpline"]["phone"],
    )
    by_number = _journey(case, ["words"], [f"Men's Advice Line: call {mens}"])
    wrong = _journey(case, [f"National Domestic Abuse Helpline: call {ndah}"])
    assert score(by_card, markers)["right_service"]
    assert score(by_number, markers)["right_service"]
    assert not score(wrong, markers)["right_service"]


def test_asked_again_and_harmful_replies(markers) -> None:
    survivor = _case(speaker="self")
    asked = _journey(survivor, ["I believe you."], [_said("utter_about_you_ask_helping")])
    assert score(asked, markers)["asked_again"]
    own_reply = _journey(survivor, [_said("utter_own_behaviour_intro")])
    assert score(own_reply, markers)["harmful"]
    harmer = _case(speaker="own", services=("respect-phoneline",))
    told = _journey(harmer, ["It is not your fault."])
    assert score(told, markers)["harmful"]
    accountable = _journey(harmer, [_said("utter_own_behaviour_intro")])
    assert not score(accountable, markers)["harmful"]


def test_summaries_count_per_group() -> None:
    rows = [
        {"group": "men", "danger_first": True, "harmful": False},
        {"group": "men", "danger_first": False, "harmful": False},
        {"group": "lgbt", "harmful": True},
    ]
    table = summarise(rows, by="group")
    assert table["men"]["danger_first"] == (1, 2)
    assert table["all"]["harmful"] == (1, 3)
    assert table["lgbt"]["danger_first"] == (0, 0)


def test_the_held_out_outcome_sets_are_big_and_well_formed() -> None:
    cases = load_cases(default_paths())
    assert len(cases) >= 150
    assert len({c.id for c in cases}) == len(cases)
    from directory.national import load

    # Every id in the directory, emergency ones (999, the Silent Solution) included.
    known = set(load())
    unknown = {s for c in cases for s in c.services} - known
    # Services a writer named that the directory cannot verify yet count as misses, honestly.
    assert unknown <= {"mankind-initiative-helpline"}
    for path in default_paths():
        assert yaml.safe_load(path.read_text())["cases"]


def test_case_files_are_named_as_files_or_folders_and_a_wrong_name_is_a_clear_error(
    tmp_path, capsys
) -> None:
    from harness.evaluate import CASES_DIR, case_paths
    from lantern.cli import main

    assert case_paths([]) == default_paths()
    assert case_paths([str(CASES_DIR)]) == default_paths()
    assert case_paths([str(default_paths()[0])]) == default_paths()[:1]
    assert main(["evaluate", str(tmp_path)]) == 2
    assert "no .yml case files" in capsys.readouterr().err
    assert main(["evaluate", str(tmp_path / "nothing.yml")]) == 2
    assert "no such case file" in capsys.readouterr().err
