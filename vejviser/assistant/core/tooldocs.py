"""Passages generated from the content the tools themselves use (pure, issue 16 item 3).

The assistant knows what the tools know, from the same files and in the same revision:

- ``content/documents/*.yaml`` — each document template: its purpose and its sections
  ("Kravspecifikation: … Indhold: Baggrund og formål, Tilsigtet anvendelse, Krav (SKAL
  og BØR) …"), citing the template's sources;
- ``content/monitoring/actions.yaml`` — what to do when a monitoring chart raises an
  alert, each action with its sources;
- ``content/assessments/*.yaml`` — each rule's explanation with its article, titled with
  the assessment and the rule ("GDPR …: Et tilfælde i art. 35(3)").

The input is each folder's documents as plain data (file name -> parsed YAML), as
:func:`vejviser.journey.content.stored_documents` gives them for the loaded content and
:func:`read_tool_folders` for a content folder's files. Anything that does not have the
expected shape is skipped (each folder's own loader validates it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from vejviser.assistant.core.corpus import LANGS, Doc
from vejviser.assistant.core.schema import AssistantFile
from vejviser.kernel.schema import SourceRef

TOOL_FOLDERS = ("documents", "monitoring", "assessments")
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


def tool_docs(folders: Mapping[str, Mapping[str, Any]], config: AssistantFile) -> list[Doc]:
    """The passages of every tool folder given (see the module's docstring)."""
    return [
        *document_docs(folders.get("documents", {}), config),
        *monitoring_docs(folders.get("monitoring", {}), config),
        *assessment_docs(folders.get("assessments", {})),
    ]


def read_tool_folders(content_dir: Path) -> dict[str, dict[str, Any]]:
    """The tool folders' files under ``content_dir`` (folder -> file name -> data)."""
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
    return out
