"""Passages generated from the content the tools themselves use (pure, issue 16 item 3).

The assistant knows what the tools know, from the same files and in the same revision:

- ``content/documents/*.yaml`` — each document template: its purpose and its sections
  ("Kravspecifikation: … Indhold: Baggrund og formål, Tilsigtet anvendelse, Krav (SKAL
  og BØR) …"), citing the template's sources;
- ``content/monitoring/actions.yaml`` — what to do when a monitoring chart raises an
  alert, each action with its sources;
- ``content/assessments/*.yaml`` — each rule's explanation with its article, titled with
  the assessment and the rule ("GDPR …: Et tilfælde i art. 35(3)");
- ``content/market/*.yaml`` — the criteria for prioritising needs, the requirement
  library and its award criteria, the contract checklist and the tender's scoring scale,
  each item with the help text the market tools show beside it;
- ``content/portfolio/*.yaml`` — the publication standards the AI system record is
  exported to (Algoritmeregister, ATRS): the fields each standard has;
- the pages' own explanations (``vejviser/locale/*/LC_MESSAGES/django.po``, the one
  catalogue of UI text): the sentences the validation, monitoring, business-case,
  sharing, portfolio and market pages show beside their charts and forms ("Calibration:
  predicted risk against the observed share …"), each named with its tool and citing the
  tool's own passage's sources (:func:`read_page_texts`, :func:`page_docs`).

Every generated passage is named with its tool: ``tools`` maps a tool id to its
knowledge passage's title and sources (``content/knowledge/vaerktoejer.yaml``); the
title is searched, and the answer leads with it.

The input is each folder's documents as plain data (file name -> parsed YAML), as
:func:`vejviser.journey.content.stored_documents` gives them for the loaded content and
:func:`read_tool_folders` for a content folder's files. Anything that does not have the
expected shape is skipped (each folder's own loader validates it).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from vejviser.assistant.core.corpus import LANGS, Doc
from vejviser.assistant.core.schema import AssistantFile
from vejviser.kernel.schema import SourceRef

TOOL_FOLDERS = ("documents", "monitoring", "assessments", "market", "portfolio")
#: The key of the pages' texts (:func:`read_page_texts`) among the folders.
PAGES = "pages"
#: Where a page text shows (a template, as the catalogue names it) -> the tool it
#: explains; the first prefix that matches wins.
PAGE_TOOLS = (
    ("evidence/templates/evidence/sample_size", "validation:sample-size"),
    ("evidence/templates/", "validation:retrospective"),
    ("monitoring/templates/", "monitoring"),
    ("value/templates/", "business-case"),
    ("sharing/templates/", "portfolio:share"),
    ("portfolio/templates/", "portfolio:record"),
    ("market/templates/market/need", "market:needs"),
    ("market/templates/market/spec", "market:requirements"),
    ("market/templates/market/requirements", "market:requirements"),
    ("market/templates/market/tender", "market:tender-evaluation"),
    ("market/templates/market/contract", "market:contract-checklist"),
    ("market/templates/market/", "market:catalogue"),
)
#: A page text explains something when it has this many words (shorter ones are labels,
#: buttons and form errors).
PAGE_TEXT_WORDS = 12
#: A labelled text ("Calibration: predicted risk …") is titled with a label this short.
PAGE_LABEL_WORDS = 4
PAGE_PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]")
PAGE_MARKUP = re.compile(r"<[^>]+>")
#: A heading of a page (``<h2>{% translate "Sharing levels" %}</h2>``): the section a
#: page text stands in.
PAGE_HEADING = re.compile(r'<h[1-3][^>]*>\s*\{% (?:block)?translate "([^"]+)"')
#: A tool's name and its knowledge passage's sources.
ToolInfo = tuple[Mapping[str, str], tuple[SourceRef, ...]]
PLACEHOLDER = re.compile(r"\{[^}]*\}")
#: Reference prefixes of the assessments' rules -> the source they cite.
REFERENCE_SOURCES = (
    ("AI Act", "ai-act"),
    ("GDPR", "gdpr"),
    ("MDR", "mdr"),
    ("MDCG 2019-11", "mdcg-2019-11"),
    ("MDCG 2023-1", "mdcg-2023-1"),
    ("Udbudsloven", "udbudsloven"),
    ("Komitéloven", "komiteloven"),
    ("Sundhedsloven", "sundhedsloven"),
    ("Databeskyttelsesloven", "databeskyttelsesloven"),
    ("WP248", "wp248"),
    ("TFEU", "tfeu"),
    ("videnskabsetik.dk", "videnskabsetik-anmeldelsespligt"),
    ("Directive 2014/24/EU", "udbudsloven"),
)


def _text(value: Any) -> dict[str, str] | None:
    """A ``{da, en}`` text as one line per language, or ``None``."""
    if not isinstance(value, Mapping) or not all(isinstance(value.get(k), str) for k in LANGS):
        return None
    return {lang: " ".join(str(value[lang]).split()) for lang in LANGS}


def _sources(items: Any) -> tuple[SourceRef, ...]:
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping) and item.get("doc") and item.get("section"):
            out.append(SourceRef(doc=str(item["doc"]), section=str(item["section"])))
    return tuple(out)


def _reference(reference: str) -> SourceRef | None:
    for prefix, source in REFERENCE_SOURCES:
        if reference.startswith(prefix):
            section = reference[len(prefix) :].strip(" :,") or reference
            return SourceRef(doc=source, section=section)
    return None


def document_docs(docs: Mapping[str, Any], config: AssistantFile) -> list[Doc]:
    """One passage per document template: its purpose and its sections."""
    label = config.messages.document_contents
    out = []
    for name, data in sorted(docs.items()):
        if not isinstance(data, Mapping):
            continue
        title, purpose = _text(data.get("title")), _text(data.get("purpose"))
        sources = _sources(data.get("sources"))
        sections = [
            _text(s.get("title")) for s in data.get("sections") or [] if isinstance(s, Mapping)
        ]
        if title is None or purpose is None or not sources:
            continue
        listed = [s for s in sections if s is not None]
        out.append(
            Doc(
                id=f"document:{data.get('kind') or Path(name).stem}",
                kind="tool",
                title={lang: f"{title[lang]}: {label.get(lang).lower()}" for lang in LANGS},
                text={
                    lang: " ".join(
                        [
                            f"{title[lang]}: {purpose[lang]}",
                            f"{label.get(lang)}: {', '.join(s[lang] for s in listed)}."
                            if listed
                            else "",
                        ]
                    ).strip()
                    for lang in LANGS
                },
                sources=sources,
            )
        )
    return out


def monitoring_docs(docs: Mapping[str, Any], config: AssistantFile) -> list[Doc]:
    """One passage per action a monitoring alert offers."""
    label = config.messages.monitoring_alert
    out = []
    for _name, data in sorted(docs.items()):
        actions = data.get("actions") if isinstance(data, Mapping) else None
        for action in actions if isinstance(actions, list) else []:
            if not isinstance(action, Mapping):
                continue
            title, text = _text(action.get("title")), _text(action.get("text"))
            sources = _sources(action.get("sources"))
            if title is None or text is None or not sources:
                continue
            out.append(
                Doc(
                    id=f"monitoring:{action.get('id')}",
                    kind="tool",
                    title={lang: f"{label.get(lang)}: {title[lang]}" for lang in LANGS},
                    text=text,
                    sources=sources,
                )
            )
    return out


def assessment_docs(docs: Mapping[str, Any]) -> list[Doc]:
    """One passage per rule explanation of an assessment, citing the rule's articles.
    Explanations with placeholders (filled in from the answers) are left out."""
    out = []
    for _name, data in sorted(docs.items()):
        if not isinstance(data, Mapping) or not isinstance(data.get("groups"), list):
            continue
        tool_title = _text(data.get("title"))
        if tool_title is None:
            continue
        for group in data["groups"]:
            rules = group.get("rules") if isinstance(group, Mapping) else None
            for rule in rules if isinstance(rules, list) else []:
                if not isinstance(rule, Mapping):
                    continue
                title, explain = _text(rule.get("title")), _text(rule.get("explain"))
                refs = [_reference(str(r)) for r in rule.get("references") or []]
                sources = tuple(r for r in refs if r is not None)
                if title is None or explain is None or not sources:
                    continue
                if any(PLACEHOLDER.search(explain[lang]) for lang in LANGS):
                    continue
                out.append(
                    Doc(
                        id=f"rule:{data.get('id')}:{rule.get('id')}",
                        kind="rule",
                        title={lang: f"{tool_title[lang]}: {title[lang]}" for lang in LANGS},
                        text=explain,
                        sources=sources,
                    )
                )
    return out


def _named(tools: Mapping[str, ToolInfo], tool: str) -> ToolInfo | None:
    info = tools.get(tool)
    if info is None or not all(isinstance(info[0].get(k), str) for k in LANGS):
        return None
    return info


def _item(
    doc_id: str,
    tool: ToolInfo,
    title: Mapping[str, str],
    text: Mapping[str, str],
    sources: tuple[SourceRef, ...],
    kind: str = "tool",
) -> Doc:
    """A passage on one item a tool shows: titled with the tool and the item, the answer
    led by both ("Kontrakttjekliste – Exit og tilbagelevering af data: …")."""
    name = tool[0]
    return Doc(
        id=doc_id,
        kind=kind,
        title={lang: f"{name[lang]}: {title[lang]}" for lang in LANGS},
        text=dict(text),
        sources=sources or tool[1],
        lead={lang: f"{name[lang]} – {title[lang]}:" for lang in LANGS},
    )


def _joined(*texts: dict[str, str] | None) -> dict[str, str] | None:
    present = [t for t in texts if t is not None]
    if not present:
        return None
    return {lang: " ".join(t[lang] for t in present) for lang in LANGS}


def market_docs(docs: Mapping[str, Any], tools: Mapping[str, ToolInfo]) -> list[Doc]:
    """The market tools' items with the help they show: one passage per criterion for
    prioritising needs, requirement (its text as specified and why), award criterion and
    contract checklist item, and one for the tender's scoring scale."""
    out: list[Doc] = []
    lists = (
        ("needs.yaml", "criteria", "market:needs", ("help",)),
        ("requirements.yaml", "award_criteria", "market:requirements", ("help",)),
        ("requirements.yaml", "requirements", "market:requirements", ("text", "help")),
        ("contract.yaml", "items", "market:contract-checklist", ("help",)),
    )
    for name, key, tool_id, fields in lists:
        data, tool = docs.get(name), _named(tools, tool_id)
        items = data.get(key) if isinstance(data, Mapping) else None
        if tool is None or not isinstance(items, list):
            continue
        for item in items:
            if not isinstance(item, Mapping):
                continue
            title = _text(item.get("title"))
            text = _joined(*(_text(item.get(f)) for f in fields))
            if title is None or text is None:
                continue
            doc_id = f"{tool_id}:{key}:{item.get('id')}"
            out.append(_item(doc_id, tool, title, text, _sources(item.get("sources"))))
    tender, tool = docs.get("tender.yaml"), _named(tools, "market:tender-evaluation")
    anchors = tender.get("anchors") if isinstance(tender, Mapping) else None
    if tool is not None and isinstance(tender, Mapping) and isinstance(anchors, list):
        scale = [
            (a.get("score"), _text(a.get("text")))
            for a in anchors
            if isinstance(a, Mapping) and isinstance(a.get("score"), int)
        ]
        shown = [(score, text) for score, text in scale if text is not None]
        if shown:
            out.append(
                Doc(
                    id="market:tender-evaluation:scale",
                    kind="tool",
                    title={lang: tool[0][lang] for lang in LANGS},
                    text={
                        lang: " ".join(f"{score}: {text[lang]}" for score, text in shown)
                        for lang in LANGS
                    },
                    sources=_sources(tender.get("sources")) or tool[1],
                    lead={lang: f"{tool[0][lang]}:" for lang in LANGS},
                )
            )
    return out


def portfolio_docs(docs: Mapping[str, Any], tools: Mapping[str, ToolInfo]) -> list[Doc]:
    """One passage per publication standard the AI system record is exported to: the
    standard's fields (the record fills them, see the file's ``entries``). The titles
    are the standard's own (Dutch, English), the same in both languages."""
    tool = _named(tools, "portfolio:record")
    out: list[Doc] = []
    for _name, data in sorted(docs.items()):
        if (
            tool is None
            or not isinstance(data, Mapping)
            or not isinstance(data.get("fields"), list)
        ):
            continue
        standard = f"{data.get('title')} {data.get('version') or ''}".strip()
        fields = [
            str(f["title"]) for f in data["fields"] if isinstance(f, Mapping) and f.get("title")
        ]
        if not data.get("title") or not fields:
            continue
        title = {lang: standard for lang in LANGS}
        text = {lang: f"{', '.join(_names(fields, lang))}." for lang in LANGS}
        doc_id = f"portfolio:standard:{data.get('id')}"
        out.append(_item(doc_id, tool, title, text, _sources(data.get("sources")), "fields"))
    return out


def _names(names: list[str], lang: str) -> list[str]:
    """Names in another language (the standards' field titles, English or Dutch) as
    ``lang``'s text holds them: without the other language's function words, which are
    words of their own in ``lang`` (English "and" is Danish for a duck)."""
    from vejviser.assistant.core.text import STOPWORDS

    foreign = frozenset().union(*(STOPWORDS[o] for o in LANGS if o != lang)) - STOPWORDS[lang]
    return [" ".join(w for w in name.split() if w.lower() not in foreign) for name in names]


def _page_tool(locations: Any) -> str | None:
    for location in locations if isinstance(locations, list) else []:
        for prefix, tool in PAGE_TOOLS:
            if str(location).startswith(prefix):
                return tool
    return None


def _page_text(text: str, python_format: bool) -> str:
    if python_format:
        text = PAGE_PLACEHOLDER.sub("…", text).replace("%%", "%")
    return " ".join(PAGE_MARKUP.sub("", text).split())


def page_docs(texts: Mapping[str, Any], tools: Mapping[str, ToolInfo]) -> list[Doc]:
    """One passage per explaining sentence a tool's page shows (``texts``: msgid ->
    ``{da, en, locations, python_format}``, see :func:`read_page_texts`), titled with the
    tool, the page's heading above the text and, for a labelled text ("Kalibrering:
    forudsagt risiko …"), its label.
    Numbers the page fills in are left as "…", markup is dropped."""
    out = []
    for msgid, entry in sorted(texts.items()):
        if not isinstance(entry, Mapping):
            continue
        tool_id = _page_tool(entry.get("locations"))
        tool = _named(tools, tool_id) if tool_id else None
        raw = _text(entry)
        # a text with a link sends the reader elsewhere ("… through the API (<a>…</a>)")
        if tool is None or raw is None or "<a " in raw["en"]:
            continue
        text = {lang: _page_text(raw[lang], bool(entry.get("python_format"))) for lang in LANGS}
        # a label, a button, a form error, or a text that leads into what the page fills in
        if len(text["en"].split()) < PAGE_TEXT_WORDS or not text["en"].endswith((".", ")")):
            continue
        label = {lang: text[lang].split(":", 1)[0] for lang in LANGS}
        labelled = all(
            ":" in text[lang] and len(label[lang].split()) <= PAGE_LABEL_WORDS for lang in LANGS
        )
        name = tool[0]
        heading = _text(entry.get("heading"))
        parts = {
            lang: [
                *(
                    [heading[lang]]
                    if heading is not None and heading[lang].lower() not in name[lang].lower()
                    else []
                ),
                *([label[lang]] if labelled and label[lang] != (heading or {}).get(lang) else []),
            ]
            for lang in LANGS
        }
        digest = hashlib.sha1(msgid.encode(), usedforsecurity=False).hexdigest()[:10]
        out.append(
            Doc(
                id=f"page:{tool_id}:{digest}",
                kind="tool",
                title={
                    lang: ": ".join([name[lang], " – ".join(parts[lang])])
                    if parts[lang]
                    else name[lang]
                    for lang in LANGS
                },
                text=text,
                sources=tool[1],
                lead={lang: f"{name[lang]}:" for lang in LANGS},
            )
        )
    return out


def tool_docs(
    folders: Mapping[str, Mapping[str, Any]],
    config: AssistantFile,
    tools: Mapping[str, ToolInfo] | None = None,
) -> list[Doc]:
    """The passages of every tool folder given (see the module's docstring). ``tools``:
    tool id -> its name and sources (the knowledge's tool passages), for the passages
    named with their tool (market, portfolio, pages)."""
    tools = tools or {}
    return [
        *document_docs(folders.get("documents", {}), config),
        *monitoring_docs(folders.get("monitoring", {}), config),
        *assessment_docs(folders.get("assessments", {})),
        *market_docs(folders.get("market", {}), tools),
        *portfolio_docs(folders.get("portfolio", {}), tools),
        *page_docs(folders.get(PAGES, {}), tools),
    ]


def read_tool_folders(content_dir: Path) -> dict[str, dict[str, Any]]:
    """The tool folders' files under ``content_dir`` (folder -> file name -> data), and
    the pages' texts (:data:`PAGES`)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    out: dict[str, dict[str, Any]] = {}
    for folder in TOOL_FOLDERS:
        path = content_dir / folder
        if path.is_dir():
            out[folder] = {
                p.name: yaml.load(p.read_text(encoding="utf-8"))
                for p in sorted(path.glob("*.yaml"))
            }
    out[PAGES] = read_page_texts()
    return out


def read_page_texts(locale_dir: Path | None = None) -> dict[str, Any]:
    """The catalogue's texts shown on the tools' pages (msgid -> ``{da, en, locations,
    python_format, heading}``): the Danish and English catalogues' translations (the msgid
    where English has none) and the heading the text stands under; fuzzy or untranslated
    Danish entries are left out, as gettext leaves them out of the pages."""
    from babel.messages.pofile import read_po

    from vejviser.kernel.i18n import LOCALE_DIR

    root = locale_dir or LOCALE_DIR
    catalogues = {}
    for lang in LANGS:
        path = root / lang / "LC_MESSAGES" / "django.po"
        if not path.is_file():
            return {}
        with path.open("rb") as handle:
            catalogues[lang] = read_po(handle, locale=lang)
    danish = {m.id: m.string for m in catalogues["da"] if m.string and not m.fuzzy}
    out: dict[str, Any] = {}
    for message in catalogues["da"]:
        msgid = message.id
        if not isinstance(msgid, str) or not msgid or message.fuzzy or not message.string:
            continue
        locations = [str(path) for path, _line in message.locations]
        if _page_tool(locations) is None:
            continue
        english = catalogues["en"].get(msgid)
        out[msgid] = {
            "da": str(message.string),
            "en": str(english.string)
            if english is not None and english.string and not english.fuzzy
            else msgid,
            "locations": locations,
            "python_format": message.python_format,
        }
        heading = _heading(root.parent, message.locations)
        if heading is not None and isinstance(danish.get(heading), str):
            out[msgid]["heading"] = {"da": danish[heading], "en": heading}
    return out


def _heading(app_dir: Path, locations: Any) -> str | None:
    """The msgid of the last heading above a text's first place in its template."""
    for path, line in locations:
        template = app_dir / str(path)
        if template.suffix == ".html" and template.is_file() and isinstance(line, int):
            lines = _template_lines(template)
            found = PAGE_HEADING.findall("\n".join(lines[: line - 1]))
            return found[-1] if found else None
    return None


@lru_cache(maxsize=64)
def _template_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()
