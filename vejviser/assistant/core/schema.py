"""The schema of the assistant's own content (pure: no Django import).

Files under ``content/knowledge/``:

- ``*.yaml`` (any other name) -> :class:`KnowledgeFile`: short passages in Danish and
  English, each with its sources (law articles, seed documents and sections).
- ``sources.yaml`` -> :class:`vejviser.kernel.schema.SourcesFile`: sources the
  knowledge cites that ``content/sources.yaml`` does not define.
- ``assistant.yaml`` -> :class:`AssistantFile`: the assistant's own texts (messages,
  labels, the LLM system prompt), the keyword -> assessment tool map and the keyword ->
  role map used when the assistant does not know the answer.

Texts and SourceRefs are the journey schema's, so all content cites the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from vejviser.kernel.schema import RoleId, Slug, SourceRef, Text, ToolId


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Passage(_Strict):
    """One short, self-contained piece of knowledge, written in our own words."""

    id: Slug
    title: Text
    text: Text
    #: Extra search words (synonyms, abbreviations) that are not in the text.
    keywords: list[str] = Field(default_factory=list)
    sources: list[SourceRef] = Field(min_length=1)
    #: The Vejviser tool this passage explains (its purpose and use): the journey's
    #: actions that offer the tool name it by this passage's title.
    tool: ToolId | None = None

    @field_validator("keywords", mode="before")
    @classmethod
    def _as_text(cls, value: object) -> object:
        """YAML reads ``[55, 2125]`` as numbers; keywords are words."""
        if isinstance(value, list):
            return [str(v) for v in value]
        return value


class KnowledgeFile(_Strict):
    """A topic file of passages. ``reviewed`` is when the facts were last checked.
    ``topic`` is searched with every passage of the file, so it names only what they
    all share ("AI-forordningen"), never a list of subjects ("ambient scribe, Vestre
    Viken …" made every passage match every subject)."""

    topic: Text
    reviewed: dt.date
    passages: list[Passage] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> KnowledgeFile:
        seen: set[str] = set()
        for passage in self.passages:
            if passage.id in seen:
                raise ValueError(f"duplicate passage id: {passage.id}")
            seen.add(passage.id)
        return self


class ToolHook(_Strict):
    """Questions that are really an assessment point to the matching Vejviser tool.

    A hook fires when the question contains any of ``any_of`` (lower-case substrings,
    either language).
    """

    tool: ToolId
    name: Text
    any_of: list[str] = Field(min_length=1)


class RoleRoute(_Strict):
    """Whom to ask when the assistant does not know: the first route whose keywords
    occur in the question (lower-case substrings) names the role."""

    role: RoleId
    any_of: list[str] = Field(min_length=1)


class Messages(_Strict):
    """Every sentence the assistant writes itself (not taken from a passage)."""

    empty_question: Text
    too_long: Text
    no_answer: Text
    #: "I don't know" to a question about our subject (it shares specific words with
    #: the content): without the note that only AI in healthcare is answered and that
    #: one's own health is for one's doctor, which reads as misplaced there.
    no_answer_topic: Text
    ask_role: Text
    tool_pointer: Text
    removed_identifiers: Text
    sources_heading: Text
    identifier_names: dict[str, Text]
    # Labels used when the journey content is turned into passages.
    track_phases: Text
    phase_purpose: Text
    phase_actions: Text
    action_done: Text
    action_roles: Text
    action_tools: Text
    attention: Text
    #: Put before an action's or attention point's sentences in an answer, so the
    #: reader knows where in the journey it belongs. Placeholders {phase} {action}.
    action_lead: Text
    attention_lead: Text
    role_prefix: Text
    reviewed: Text
    #: The verdict that opens the answer to a yes/no question ("Ja — …", "Nej — …").
    verdict_yes: Text = Text(da="Ja", en="Yes")
    verdict_no: Text = Text(da="Nej", en="No")
    #: Labels of the passages made from the tools' own content (``core/tooldocs.py``).
    document_contents: Text = Text(da="Indhold", en="Contents")
    monitoring_alert: Text = Text(
        da="Når overvågningen giver alarm", en="When monitoring raises an alert"
    )


ProjectIntentKind = Literal["next", "who", "where", "overdue"]


class ProjectIntent(_Strict):
    """A question about the project's own state. It fires when one of ``any_of`` (a
    phrase, matched as whole words, any case) is in the question and every other word
    of the question is a stop word or a ``filler`` word — so "hvem skal vi have med?"
    is about the project, "hvem skal vi have med til en DPIA?" is not."""

    kind: ProjectIntentKind
    any_of: list[str] = Field(min_length=1)


class ProjectMessages(_Strict):
    """The sentences of an answer made from a project's state. Placeholders in braces."""

    state: Text  # {project} {phase} {closed} {total}; no full stop (a citation follows)
    complete: Text  # {project}
    no_steps: Text  # {project}
    next_steps: Text
    step: Text  # {n} {title} {status}
    involve: Text  # {roles}
    who_intro: Text
    who_steps: Text
    role_members: Text  # {role} {members}
    role_missing: Text  # {role}
    missing_roles: Text  # {roles}: the roles of the named steps nobody holds
    overdue: Text  # {steps}
    no_overdue: Text
    due: Text  # {title} {date}
    vendor_view: Text
    step_link: Text  # {title}
    tool_link: Text  # {name} {step}
    date_format: Text  # strftime
    status: dict[str, Text]


class ProjectConfig(_Strict):
    intents: list[ProjectIntent] = Field(min_length=1)
    #: Words (either language) that may stand around an intent phrase without making
    #: the question about something else ("projektet", "henne", "now").
    filler: list[str] = Field(default_factory=list)
    messages: ProjectMessages


class Suggestions(_Strict):
    """Example questions the chat panel offers as buttons."""

    general: list[Text] = Field(default_factory=list)
    project: list[Text] = Field(default_factory=list)


class SettingWords(_Strict):
    """Words that only say where the asker works ("på vores afdeling")."""

    #: The setting words (afdeling, region …), matched by stem.
    words: list[str] = Field(default_factory=list)
    #: The words that, up to two words before a setting word, mark it as the asker's
    #: own setting (vores, jeres …).
    markers: list[str] = Field(default_factory=list)


class PhraseTerms(_Strict):
    """An everyday phrase the content does not use ("holde øje med") and the content's
    terms for it (tilsyn, overvågning). A question with one of ``phrases`` (whole words,
    matched by stem) is searched with ``terms`` in its place: any one of them counts."""

    phrases: list[str] = Field(min_length=1)
    terms: list[str] = Field(min_length=1)


AnswerKind = Literal["date", "number", "reason"]


class AnswerType(_Strict):
    """Question words that ask for a kind of fact ("hvornår" -> a date, "hvor mange" ->
    a number): passages and sentences that hold such a fact are preferred."""

    kind: AnswerKind
    phrases: list[str] = Field(min_length=1)


class AssistantFile(_Strict):
    max_question_chars: int = Field(ge=20, le=10_000)
    default_role: RoleId
    messages: Messages
    llm_system_prompt: Text
    tool_hooks: list[ToolHook]
    role_routes: list[RoleRoute]
    #: Per language, groups of words the stemmer does not unite but a reader would
    #: (noun and verb with a vowel change, spelling variants, abbreviations).
    term_variants: dict[str, list[list[str]]] = Field(default_factory=dict)
    #: Per language, everyday phrases -> the content's terms (searched in their place).
    phrase_terms: dict[str, list[PhraseTerms]] = Field(default_factory=dict)
    #: Per language, question words that ask for a kind of answer -> search words added.
    intent_terms: dict[str, dict[str, list[str]]] = Field(default_factory=dict)
    #: Per language, question words that ask for a date or a number.
    answer_types: dict[str, list[AnswerType]] = Field(default_factory=dict)
    #: Per language, words that, opening a sentence, point back to the sentence before
    #: ("Den", "Det", "Derfor"): such a sentence is not used without its predecessor.
    anaphora: dict[str, list[str]] = Field(default_factory=dict)
    #: Per language, the asker's setting ("på vores afdeling"): left out of the search.
    setting_words: dict[str, SettingWords] = Field(default_factory=dict)
    #: Per language, words by which a question speaks of the asker's own case ("vi",
    #: "vores"): only then, or in a project, does an answer point to the assessment
    #: tool for "your own product" (empty: always).
    own_case: dict[str, list[str]] = Field(default_factory=dict)
    #: Questions about a project's own state, answered from the project (web, API, CLI).
    project: ProjectConfig
    suggestions: Suggestions = Field(default_factory=Suggestions)
