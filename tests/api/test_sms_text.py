"""SMS text shaping: GSM-7, segment counts, fitting into three segments, numbered choices."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from api.sms.text import fit, is_gsm7, lead_with, numbered, plain, segments


def test_typographic_characters_become_plain_and_emoji_go():
    assert plain("It’s “fine” – really… 😀") == 'It\'s "fine" - really... '
    assert is_gsm7(plain("Don’t wait — call 999 ✅"))


def test_segment_counts_follow_gsm_and_ucs2_rules():
    assert segments("") == 0
    assert segments("a" * 160) == 1 and segments("a" * 161) == 2
    assert segments("a" * 306) == 2 and segments("a" * 307) == 3
    assert segments("€" * 80) == 1 and segments("€" * 81) == 2  # two septets each
    assert segments("ą" * 70) == 1 and segments("ą" * 71) == 2  # Polish needs UCS-2
    assert segments("ą" * 134) == 2 and segments("ą" * 135) == 3


def test_choices_are_numbered_lines():
    assert numbered("Reply with a number:", ["Yes", "No"]) == "Reply with a number:\n1 Yes\n2 No"
    assert numbered("Reply with a number:", []) == ""


def test_a_long_reply_keeps_its_choices_and_offers_the_rest():
    body = "\n".join(f"Line {n} of a long answer about what you can do next." for n in range(30))
    tail = numbered("Reply with a number:", ["Main menu"])
    fitted = fit(body, tail=tail, more_note="Reply MORE to read on.")
    assert segments(fitted.text) <= 3
    assert fitted.text.endswith(tail) and "Reply MORE to read on." in fitted.text
    assert fitted.rest.startswith("Line ") and fitted.rest.endswith("next.")


words = st.text(alphabet="abcdefghij ,.\n", min_size=0, max_size=1500)


@given(words)
def test_nothing_is_lost_and_nothing_is_too_long(body):
    fitted = fit(body, tail="1 Menu", more_note="MORE")
    assert segments(fitted.text) <= 3
    if fitted.rest:
        sent = fitted.text.removesuffix("\nMORE\n1 Menu")
        assert (sent.split() + fitted.rest.split()) == body.split()


def test_a_cut_text_never_ends_on_a_heading():
    body = "x" * 370 + "\nThese services can help:\n" + "A service: call 0808 000 0000\n" * 4
    fitted = fit(body, tail="Reply with a number:\n1 Menu", more_note="Reply MORE to read on.")
    kept = fitted.text.split("\nReply MORE")[0]
    assert not kept.rstrip().endswith(":")
    assert fitted.rest.startswith("These services can help:")


HEADING = "These services can help:"
REPLY = (
    "Stalking is being followed or watched again and again. It can be:\n- turning up at your home,"
    " work or places you go\n- following you, or waiting around for you\n- calling or texting"
    " again and again\nIt is never your fault.\n\nWhat you told me is serious.\n\n"
    f"{HEADING}\nNational Stalking Helpline: call 0808 802 0300\n\nText your town."
)


def test_when_a_reply_must_be_cut_the_numbers_come_right_after_its_first_line():
    led = lead_with(REPLY, HEADING, ("What you told me is serious",))
    assert led.startswith(
        "Stalking is being followed or watched again and again. It is never your fault.\n\n"
        f"What you told me is serious.\n\n{HEADING}\n"
        "National Stalking Helpline: call 0808 802 0300"
    )
    # Nothing is lost, only moved: every word is still there, once.
    assert sorted(led.split()) == sorted(REPLY.split())


def test_lead_with_leaves_a_reply_without_services_alone():
    assert (
        lead_with("Call 999 now.\n\nI'm still here.", HEADING) == "Call 999 now.\n\nI'm still here."
    )


def test_a_short_first_paragraph_such_as_the_999_reply_stays_whole():
    danger = "Call 999 now. If you can't speak, cough or tap the phone. Press 55 when asked."
    led = lead_with(f"{danger}\n\nI believe you.\n\n{HEADING}\nA line: call 0808", HEADING)
    assert led.startswith(f"{danger}\n\n{HEADING}")


def test_the_crisis_line_stays_with_999_when_a_long_suicide_reply_is_cut():
    danger = (
        "If their life is at risk now, call 999. You can also call Samaritans free on 116 123,"
        " about them or for yourself. They are there 24 hours a day, every day of the year, and"
        " you do not need to be sure before you call them about someone you are worried about."
    )
    assert segments(danger) > 1
    led = lead_with(f"{danger}\n\n{HEADING}\nA line: call 0808 000 0000", HEADING)
    lead = led.split(f"\n\n{HEADING}")[0]
    assert lead.startswith("If their life is at risk now, call 999.")
    assert "Samaritans free on 116 123" in lead
    assert sorted(led.split()) == sorted(
        f"{danger}\n\n{HEADING}\nA line: call 0808 000 0000".split()
    )
