"""The gaps core (grouping) and name scrubbing, without a database."""

from __future__ import annotations

import datetime as dt

from vejviser.assistant.core.gaps import GapRow, gap_key, group
from vejviser.assistant.core.scrub import name_pattern, scrub_names

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def row(i, question, *, days=0, mode="no-answer", unhelpful=False, comment=""):
    return GapRow(
        id=i,
        question=question,
        asked_at=T0 + dt.timedelta(days=days),
        mode=mode,
        unanswered=mode == "no-answer",
        unhelpful=unhelpful,
        comment=comment,
    )


def test_same_words_are_one_gap_counted_most_asked_first():
    gaps = group(
        [
            row(1, "Hvad koster en pizza?"),
            row(2, "hvad koster en pizza"),
            row(
                3,
                "Hvad er Dice?",
                mode="offline",
                unhelpful=True,
                comment="Sagde ikke hvornår den er god nok",
                days=1,
            ),
            row(4, "Hvad koster en  Pizza ?", days=2),
        ]
    )
    assert [g.count for g in gaps] == [3, 1]
    pizza, dice = gaps
    assert pizza.question == "Hvad koster en  Pizza ?"  # the latest wording
    assert pizza.unanswered == 3 and pizza.unhelpful == 0 and pizza.ids == [1, 2, 4]
    assert pizza.first == T0 and pizza.last == T0 + dt.timedelta(days=2)
    assert dice.modes == {"offline": 1} and dice.comments == ["Sagde ikke hvornår den er god nok"]


def test_placeholders_do_not_split_a_gap():
    assert gap_key("Må [NAVN] se journalen?") == gap_key("må se journalen")


def test_names_of_users_are_replaced_whole_words_only():
    pattern = name_pattern(["Alice", "Andersen", "Alice Andersen", "bo", "alice"])
    cleaned = scrub_names(
        "Må Alice Andersen (alice@example.org, 12345678) se Alices data? Bo Alicesen?", pattern
    )
    assert "Alice" not in cleaned.text.replace("Alices", "").replace("Alicesen", "")
    assert cleaned.text.startswith("Må [NAVN] (")
    assert "[E-MAIL]" in cleaned.text and "[TELEFON]" in cleaned.text
    assert "Bo " in cleaned.text  # names under three letters are not removed
    assert cleaned.removed == {"email": 1, "phone": 1, "name": 1}


def test_no_names_no_pattern():
    assert name_pattern(["", "  ", "ab"]) is None
    assert scrub_names("Hej 010203-1234", None).text == "Hej [CPR]"
