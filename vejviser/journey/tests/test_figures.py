"""Every figure in a content text appears in a source it cites.

A "figure" is a number in a text a user reads (a title, guidance, a passage), in Danish
or English. It must appear in one of the documents the item cites, where that document
is one of the seeds (`shared/seeds/*.txt`) or the regulatory fact sheet
(`shared/facts/regulatory.md`), which collects the facts of the laws and guidance the
content cites. Numbers are compared as values, so Danish and English ways of writing them
match: 2.125 / 2 125 / 2,125 / 2125, 2,5 / 2.5, ranges (20–51 → 20 and 51), percentages.

Not figures, and so not checked: references that name something rather than count it
(Art. 6, stk. 2, § 42, Annex III, MDCG 2019-11, ISO 13485, 2017/745, phase 2, class IIa)
and list numbering. A figure passes when any of the item's sources states it; a law or
a guidance document is read through the fact sheet, which states its figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from ruamel.yaml import YAML

#: The project's shared documents live next to the repository (as for the assistant's
#: development question set).
SHARED = Path(settings.BASE_DIR).parent / "shared"

#: The seed files by the id `content/sources.yaml` gives them (`kind: seed`). A few
#: content files cite a seed by its file name instead; that works too.
SEED_FILES = {
    "ai-rejsen": "ai-rejsen-guide.txt",
    "rsd-guidelines": "guidelines-ai-indkoeb-rsd.txt",
    "atv-slides": "atv-konference-slides.txt",
    "atv-rapport": "atv-rapport.txt",
    "straaleterapi": "nationale-ai-loesninger-straaleterapi.txt",
}
FACT_SHEET = "facts/regulatory.md"

#: Fields whose text a user reads.
TEXT_FIELDS = ("title", "summary", "purpose", "text", "guidance", "done", "description")
#: Content folders checked here: the journey, roles and the assistant's knowledge.
CONTENT_FILES = ("journey/*.yaml", "knowledge/*.yaml", "roles.yaml")

NUMBER = re.compile(r"(?<![\w.,/-])\d+(?:(?:[.,]|[ \u00a0](?=\d{3}\b))\d+)*(?![\w/])")
#: In a source every run of digits counts, also inside "2022-2025" or "CELEX:32016R0679".
SOURCE_NUMBER = re.compile(r"\d+(?:(?:[.,]|[ \u00a0](?=\d{3}\b))\d+)*")
#: Words after which a number names an article, annex, phase, class or standard.
REFERENCE = re.compile(
    r"(?:\b(?:art|artikel|artikler|article|articles|stk|nr|no|litra|bilag|annex|kapitel|"
    r"chapter|afsnit|section|punkt|point|regel|rule|fase|faser|phase|phases|trin|step|"
    r"mdcg|iso|iec|en|klasse|class|niveau|level|version|ver|v|del|part)\.?|§§?)\s*$"
    r"|\w\($",
    re.IGNORECASE,
)
#: A number directly followed by these is a reference too ("6(2)", "2019-11", "2024/1689"),
#: or an item of an inline list ("1) idéudvikling").
REFERENCE_AFTER = re.compile(r"^(?:\(\d|/\d|-\d{2}\b|\))")
#: List numbering at the start of a line ("1. Trin", "2) …").
LIST_MARKER = re.compile(r"^\s*\d+[.)]\s", re.MULTILINE)


def values(token: str) -> set[Decimal]:
    """The values a written number may have: ``2.125`` is 2125 (Danish thousands) or
    2.125 (English decimal); ``2,5`` is 2.5; ``1 234`` is 1234."""
    out: set[Decimal] = set()
    parts = re.split(r"[.,  \u00a0]", token)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]) and len(parts[0]) <= 3:
        out.add(Decimal("".join(parts)))
    if len(parts) == 2 and re.fullmatch(r"\d+[.,]\d+", token):
        out.add(Decimal(token.replace(",", ".")))
    if len(parts) == 1:
        out.add(Decimal(token))
    return out


def figures(text: str) -> list[tuple[str, set[Decimal]]]:
    """The figures in a text: each number that is not a reference or a list marker."""
    text = LIST_MARKER.sub(" ", text)
    found = []
    for match in NUMBER.finditer(text):
        before, after = text[max(0, match.start() - 14) : match.start()], text[match.end() :]
        if REFERENCE.search(before) or (REFERENCE_AFTER.match(after) and not before.endswith("(")):
            continue
        found.append((match.group(), values(match.group())))
    return found


def all_values(text: str) -> set[Decimal]:
    """Every value a document states, references included (a figure may be written
    there next to an article number)."""
    out: set[Decimal] = set()
    for match in SOURCE_NUMBER.finditer(text):
        out |= values(match.group())
    return out


def _load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Item:
    where: str
    texts: tuple[str, ...]
    docs: tuple[str, ...]


def _items(node: Any, where: str) -> list[Item]:
    """Every mapping with ``sources`` and text fields, anywhere in a content file."""
    found: list[Item] = []
    if isinstance(node, dict):
        refs = node.get("sources")
        if isinstance(refs, list) and refs and all(isinstance(r, dict) for r in refs):
            texts = []
            for field in TEXT_FIELDS:
                value = node.get(field)
                if isinstance(value, dict):
                    texts += [str(v) for v in value.values() if v]
                elif isinstance(value, str):
                    texts.append(value)
            if texts:
                name = f"{where}:{node.get('id', '?')}"
                found.append(Item(name, tuple(texts), tuple(str(r.get("doc")) for r in refs)))
        for key, value in node.items():
            if key != "sources":
                found += _items(value, where)
    elif isinstance(node, list):
        for value in node:
            found += _items(value, where)
    return found


def content_items() -> list[Item]:
    root = Path(settings.CONTENT_DIR)
    items: list[Item] = []
    for pattern in CONTENT_FILES:
        for path in sorted(root.glob(pattern)):
            items += _items(_load(path), path.name)
    return items


def source_kinds() -> dict[str, str]:
    root = Path(settings.CONTENT_DIR)
    kinds: dict[str, str] = {}
    for path in (root / "knowledge" / "sources.yaml", root / "sources.yaml"):
        for source in _load(path)["sources"]:
            kinds[source["id"]] = source["kind"]
    return kinds


def readable_sources() -> dict[str, set[Decimal]]:
    """Source id -> the values it states, for every source we can read here."""
    kinds = source_kinds()
    seeds = SHARED / "seeds"
    by_file = {p.stem: all_values(p.read_text(encoding="utf-8")) for p in seeds.glob("*.txt")}
    readable = {doc: by_file[Path(name).stem] for doc, name in SEED_FILES.items()}
    readable.update(by_file)  # a seed cited by its file name
    facts = all_values((SHARED / FACT_SHEET).read_text(encoding="utf-8"))
    for doc, kind in kinds.items():
        if kind in ("law", "guidance"):
            readable[doc] = facts
    return readable


def unsupported(item: Item, readable: dict[str, set[Decimal]]) -> list[str]:
    """The figures of an item that none of its readable sources states."""
    stated: set[Decimal] = set()
    for doc in item.docs:
        stated |= readable.get(doc, set())
    if not any(doc in readable for doc in item.docs):
        return []
    missing = []
    for text in item.texts:
        for token, vals in figures(text):
            if not vals & stated:
                missing.append(token)
    return missing


pytestmark = pytest.mark.skipif(
    not (SHARED / "seeds").is_dir(), reason="the seed documents are not next to the repository"
)


def test_every_seed_source_has_its_file():
    kinds = source_kinds()
    seeds = {doc for doc, kind in kinds.items() if kind == "seed"}
    assert seeds == set(SEED_FILES)
    for name in SEED_FILES.values():
        assert (SHARED / "seeds" / name).is_file(), name


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("2.125", Decimal(2125)),
        ("2 125", Decimal(2125)),
        ("2,125", Decimal(2125)),
        ("2125", Decimal(2125)),
        ("2,5", Decimal("2.5")),
        ("2.5", Decimal("2.5")),
        ("1.234.567", Decimal(1234567)),
    ],
)
def test_danish_and_english_numbers_are_read_as_values(written, value):
    assert value in values(written)


def test_figures_skip_references_and_read_ranges():
    text = (
        "Op til 20–51 % (art. 6, stk. 2, bilag III, MDCG 2019-11, 2017/745); "
        "850 patienter.\n1. Trin og 1) a, (2022)"
    )
    assert [token for token, _ in figures(text)] == ["20", "51", "850", "2022"]


def test_a_figure_missing_from_its_source_is_found():
    readable = {"seed": {Decimal(850), Decimal(2125)}}
    good = Item("x", ("850 bestrålinger i DK giver 2.125 timer",), ("seed",))
    bad = Item("y", ("900 bestrålinger giver 2.125 timer",), ("seed",))
    assert unsupported(good, readable) == []
    assert unsupported(bad, readable) == ["900"]


def test_every_figure_in_the_content_appears_in_its_source():
    readable = readable_sources()
    problems = {
        item.where: missing for item in content_items() if (missing := unsupported(item, readable))
    }
    assert problems == {}
