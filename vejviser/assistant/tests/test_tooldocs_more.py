"""Passages from the market and portfolio content and from the pages' own texts
(core/tooldocs.py, issue 16 item 3)."""

from __future__ import annotations

from collections import Counter

from vejviser.assistant.core import tuning
from vejviser.assistant.core.engine import Assistant
from vejviser.assistant.core.tooldocs import (
    market_docs,
    page_docs,
    portfolio_docs,
    read_page_texts,
)
from vejviser.kernel.schema import SourceRef

SRC = (SourceRef(doc="ai-rejsen", section="x"),)
TOOLS = {
    "market:needs": ({"da": "Prioritering af behov", "en": "Prioritising needs"}, SRC),
    "market:tender-evaluation": ({"da": "Tilbudsevaluering", "en": "Tender evaluation"}, SRC),
    "portfolio:record": ({"da": "AI-systemregistrering", "en": "AI system record"}, SRC),
    "business-case": ({"da": "Business case", "en": "Business case"}, SRC),
}


def test_a_needs_criterion_is_a_passage_named_with_its_tool() -> None:
    docs = market_docs(
        {
            "needs.yaml": {
                "criteria": [
                    {
                        "id": "volume",
                        "title": {"da": "Volumen", "en": "Volume"},
                        "help": {"da": "Hvor mange?", "en": "How many?"},
                        "sources": [{"doc": "atv-slides", "section": "s"}],
                    }
                ]
            },
            "tender.yaml": {
                "anchors": [{"score": 6, "text": {"da": "Tilfredsstillende.", "en": "Fine."}}]
            },
        },
        TOOLS,
    )
    (need, scale) = docs
    assert need.title["da"] == "Prioritering af behov: Volumen"
    assert need.lead["da"] == "Prioritering af behov – Volumen:"
    assert need.text["da"] == "Hvor mange?"
    assert need.sources == (SourceRef(doc="atv-slides", section="s"),)
    assert scale.text["da"] == "6: Tilfredsstillende."
    assert scale.sources == SRC  # the file cites nothing: the tool's own sources


def test_an_item_without_its_tool_or_text_is_left_out() -> None:
    item = {"id": "x", "title": {"da": "X", "en": "X"}}
    assert market_docs({"needs.yaml": {"criteria": [item]}}, TOOLS) == []
    assert market_docs({"contract.yaml": {"items": [{**item, "help": item["title"]}]}}, TOOLS) == []


def test_a_standard_lists_its_fields_with_their_own_prior() -> None:
    (doc,) = portfolio_docs(
        {
            "atrs.yaml": {
                "id": "atrs",
                "title": "ATRS",
                "version": "3.0",
                "fields": [{"id": "a", "title": "Name"}, {"id": "b", "title": "Risks"}],
            }
        },
        TOOLS,
    )
    assert doc.title["da"] == "AI-systemregistrering: ATRS 3.0"
    assert doc.text == {"da": "Name, Risks.", "en": "Name, Risks."}
    assert tuning.kind_prior(doc.kind) == tuning.FIELDS_PRIOR < 1


def test_a_page_text_is_titled_with_its_tool_heading_and_label() -> None:
    texts = {
        "Tornado chart: the net present value with each assumption at its low and its high end.": {
            "da": "Tornadodiagram: nutidsværdien med hver antagelse i sin lave og sin høje ende.",
            "en": "Tornado chart: the net present value with each assumption at its low and "
            "its high end.",
            "locations": ["value/templates/value/version.html"],
            "python_format": False,
            "heading": {"da": "Hvad driver resultatet", "en": "What drives the result"},
        },
        "Intervals of %(n)s simulations (%%): between the low and the high end of every one.": {
            "da": "Intervaller af %(n)s simuleringer (%%): <b>mellem</b> den lave og høje ende.",
            "en": "Intervals of %(n)s simulations (%%): between the low and the high end of each.",
            "locations": ["value/templates/value/version.html"],
            "python_format": True,
        },
        "Save": {"da": "Gem", "en": "Save", "locations": ["value/templates/value/x.html"]},
        "A text on a page of no tool that is long enough to be an explanation of it.": {
            "da": "En tekst.",
            "en": "A text on a page of no tool that is long enough to be an explanation of it.",
            "locations": ["projects/templates/projects/x.html"],
        },
    }
    docs = {d.text["en"][:9]: d for d in page_docs(texts, TOOLS)}
    assert set(docs) == {"Tornado c", "Intervals"}
    tornado = docs["Tornado c"]
    assert tornado.title["da"] == "Business case: Hvad driver resultatet – Tornadodiagram"
    assert tornado.lead["da"] == "Business case:"
    assert tornado.sources == SRC
    assert (
        docs["Intervals"].text["da"]
        == "Intervaller af … simuleringer (%): mellem den lave og høje ende."
    )


def test_the_catalogue_gives_each_tools_page_texts_with_their_headings() -> None:
    texts = read_page_texts()
    levels = [t for t in texts.values() if t["en"].startswith("Internal: stays")]
    assert levels and levels[0]["heading"]["da"] == "Delingsniveauer"
    tools = Counter(prefix.split("/")[0] for t in texts.values() for prefix in t["locations"][:1])
    assert {"evidence", "value", "monitoring", "sharing", "portfolio", "market"} <= set(tools)


def test_the_tools_own_texts_answer_with_the_tool_named(assistant: Assistant) -> None:
    ids = Counter(d.id.split(":")[0] for d in assistant.corpus.docs)
    assert ids["page"] > 50 and ids["market"] > 30 and ids["portfolio"] == 2
    levels = assistant.ask("Hvem kan se et resultat, jeg deler på niveauet national?")
    assert levels.text.startswith("Del resultater med andre regioner:")
    assert "sundhedsvæsen" in levels.text
    subgroup = assistant.ask("Hvornår markeres en undergruppe i valideringsrapporten?")
    assert "konfidensinterval" in subgroup.text
