"""The anonymiser (feedback/anonymise.py): what it hides, what it keeps, and that it runs
offline. Its recall on labelled feedback is in test_anonymiser_quality.py."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from directory import geo
from feedback.anonymise import _BlankEnglish, anonymise, find
from lantern import cli, facts
from tests.conftest import ROOT

CONTEXTS = [
    "ring me on {} if u need to",
    "{} is his number, dont call it",
    "my new number is {}. texts only",
    "i live in {} now and he knows",
    "hes moved to {} with her",
    "email me at {} pls",
    "{}",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PC Jones never rang back", "the officer never rang back"),
        ("my IDVA Priya was amazing", "my IDVA was amazing"),
        ("the social worker, Grace, kept blaming me", "the social worker kept blaming me"),
        ("Dr Okafor asked me straight out", "the doctor asked me straight out"),
        ("ryan did this to me", "[name] did this to me"),
        ("call 07700 900412 or email jo.b@example.com", "call [phone number] or email [email]"),
        ("he lives at 14 Wellington Road TF1 3AB", "he lives at [address] [postcode]"),
        ("my dob is 12/03/1989 and i'm 34", "my dob is [date] and i'm [age]"),
        # What must stay: services, 999, council areas, counts, money, months.
        (
            "Women's Aid and the police in Telford were slow, i rang 999 3 times in March, £400",
            "Women's Aid and the police in Telford were slow, i rang 999 3 times in March, £400",
        ),
        ("nobody believed me til the third time", "nobody believed me til the third time"),
        # Places the directory does not know: a town from GeoNames' list, in lower case; a rare
        # word after "in"; an everyday-word town only Capitalised after "in".
        ("she lives near the canal in todmorden", "she lives near the canal in [place]"),
        ("lives in wythenshawe", "lives in [place]"),
        ("we lived in Sale for 10 years", "we lived in [place] for 10 years"),
        ("the sale was on", "the sale was on"),
        ("I walk on tiptoe in txts", "I walk on tiptoe in txts"),
        ("o77oo 9oo 5o1 is me", "[number] is me"),
        ("ring 07700 nine double oh 314", "ring [phone number]"),
        ("the wait for counselling was 18 months", "the wait for counselling was 18 months"),
        ("my youngest was 9 months old", "my youngest was [age]"),
        ("a woman of seventy-two", "a woman of [age]"),
        ("on the 1st of the month he takes my wages", "on the 1st of the month he takes my wages"),
        ("i left on the 14th", "i left on the [date]"),
        ("forty one Ashby Lane", "[address]"),
        ("number 22 on Albion Street", "[address]"),
        ("my partner is sam and", "my partner is [name] and"),
        ("tell mrs brown thanks", "tell mrs [name] thanks"),
        ("Faith, my support worker, is great", "[name], my support worker, is great"),
        ("my ex (D.W.) lives near", "my ex ([name]) lives near"),
        ("the kebab shop on the corner", "the kebab shop on the corner"),
        ("his discord is shadowwolf#4471", "his discord is [social media name]"),
        ("write to r.okonkwo [at] example.org", "write to [email]"),
        ("Jordan if you read this I am safe", "[name] if you read this I am safe"),
        ("i went to Jordan on holiday", "i went to Jordan on holiday"),
        ("victoria ogunleye-pratt is my name", "[name] is my name"),
        ("and that was his name for it", "and that was his name for it"),
        ("my mate mark told me to ring", "my mate [name] told me to ring"),
        ("I am 78 years of age", "I am [age] years of age"),
        ("got married at 16 in a hurry", "got married at [age] in a hurry"),
        ("I am now sixty.", "I am now [age]."),
        ("a house, The Gables on Station Road", "a house, [address] on [place]"),
        ("school is Holy Family in Kirkby", "school is [place] in [place]"),
        ("at the Buttershaw youth club", "at the [place]"),
        # Nicknames made from names, where something says a person is meant.
        ("tell jonno his dad is sorry", "tell [name] his dad is sorry"),
        ("my ex (gaz) threatens to burn the house", "my ex ([name]) threatens to burn the house"),
        ("a man they call 'Skinny' from the pub", "a man they call '[name]' from the pub"),
        ("tell them lol", "tell them lol"),
        ("He's in HMP Doncaster now", "He's in [place] now"),
        ("i was 31 when i left", "i was [age] when i left"),
        ("and 31 when i finally left", "and [age] when i finally left"),
        ("I'm sorry. - A", "I'm sorry. - [name]"),
        # Chains and national services point to no one; a branch's street still goes.
        ("He waited outside Tesco express for me", "He waited outside Tesco express for me"),
        (
            "the Women's Aid office on Cowley Road has no ramp",
            "the Women's Aid office on [place] has no ramp",
        ),
        ("i live Southall. please help", "i live [place]. please help"),
        ("the worker Hannah J was nice", "the worker was nice"),
        ("his gaming tag is xXReaperXx on xbox", "his gaming tag is [social media name] on xbox"),
        ("my ex (D) is out on licence", "my ex ([name]) is out on licence"),
        ("thanks again, love from T x", "thanks again, love from [name] x"),
        ("please pass on to Lucy R that it helped", "please pass on to [name] that it helped"),
        ("his mum is at 22 Kingsway now", "his mum is at [address] now"),
        ("the Dog and Duck on the corner", "the [place] on the corner"),
        ("love from the NHS and me", "love from the NHS and me"),
    ],
)
def test_what_is_hidden_and_what_stays(text, expected):
    assert anonymise(text).text == expected


@pytest.mark.parametrize("fact", ["ndah_phone", "live_fear_free_phone", "scotland_helpline_phone"])
def test_a_national_helplines_number_stays(fact):
    """It names a service, not a person. The number is the directory's, as in the replies."""
    text = f"i rang {facts.values()[fact]} at 3am"
    assert anonymise(text).text == text


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


phones = st.builds(
    lambda shape, a, b: shape.format(a=a, b=b),
    st.sampled_from(
        [
            "07700 900{a:03d}", "07700900{a:03d}", "+44 7700 900{a:03d}", "+44 (0)7700 900 {a:03d}",
            "(01632) 960 {a:03d}", "01632 960{a:03d}", "0161-496-0{a:03d}", "020 7946 0{a:03d}",
            "0113 496 {b:04d}", "07700.900.{a:03d}",
        ]
    ),
    st.integers(0, 999),
    st.integers(0, 999),
)  # fmt: skip


@settings(max_examples=60, deadline=None, derandomize=True)
@given(phones, st.sampled_from(CONTEXTS[:3] + CONTEXTS[6:]))
def test_an_inserted_phone_number_never_survives(number, context):
    out = anonymise(context.format(number)).text
    assert _digits(out) == "", out


postcodes = st.builds(
    lambda outward, digit, letters, space, lower: (
        (f"{outward} {digit}{letters}" if space else f"{outward}{digit}{letters}")
        if not lower
        else (f"{outward} {digit}{letters}" if space else f"{outward}{digit}{letters}").lower()
    ),
    st.sampled_from(sorted(geo.outward_codes())),
    st.integers(0, 9),
    st.text("ABDEFGHJLNPQRSTUWXYZ", min_size=2, max_size=2),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(postcodes, st.sampled_from(CONTEXTS[3:5] + CONTEXTS[6:]))
def test_an_inserted_postcode_never_survives(postcode, context):
    out = anonymise(context.format(postcode)).text
    assert postcode.upper().replace(" ", "") not in out.upper().replace(" ", "")
    assert _digits(out) == "", out


emails = st.builds(
    lambda user, domain: f"{user}@{domain}",
    st.from_regex(r"[a-z][a-z0-9._]{1,14}[a-z0-9]", fullmatch=True),
    st.sampled_from(["example.com", "example.org", "example.net", "example.co.uk"]),
)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(emails, st.sampled_from(CONTEXTS[5:]))
def test_an_inserted_email_never_survives(email, context):
    out = anonymise(context.format(email)).text
    assert "@" not in out and email.split("@")[0] not in out, out


def test_context_words_count_on_a_blank_pipeline():
    # A blank spaCy pipeline gives every lemma as "", so Presidio's context words ("nhs")
    # never counted; the pipeline fills them, and a bare ten digits near "nhs" is an NHS number.
    engine = _BlankEnglish()
    engine.load()
    assert engine.process_text("my NHS number", "en").lemmas == ["my", "nhs", "number"]
    text = "my nhs number is 999 321 6542"
    assert [(f.kind, text[f.start : f.end]) for f in find(text)] == [("NHS_NUMBER", "999 321 6542")]


def test_it_runs_with_no_network():
    # Any connection attempt fails the run: no model download, no public suffix list.
    script = (
        "import socket\n"
        "def refuse(*a, **k): raise RuntimeError('tried the network')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from feedback.anonymise import anonymise\n"
        "print(anonymise('see www.example.org or a.b@example.com, +44 7700 900123').text)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "see [web address] or [email], [phone number]"


def test_the_command_reads_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("thanks to Sarah on 07700 900123"))
    assert cli.main(["anonymise"]) == 0
    assert capsys.readouterr().out == "thanks to [name] on [phone number]"
