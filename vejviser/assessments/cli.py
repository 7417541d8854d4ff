"""``vejviser assess``: run an assessment from a JSON file of answers, or list its questions.

    vejviser assess                                   # list assessments (checks the content)
    vejviser assess ai-act --list-questions           # the questions and their keys
    vejviser assess ai-act --rules --lang en          # the rules as a table, to check
    vejviser assess mdr --answers svar.json           # Danish explanation with references
    vejviser assess procurement --answers svar.json --date 2027-03-01 --format json

Bad input (unknown assessment or answer key, invalid value, missing answer, bad date or
JSON) exits with code 2 and a message naming what is wrong; broken content files exit
with code 1 and name file and line. Pure: no Django import.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import IO, Any

import click

from vejviser.assessments import core
from vejviser.assessments.core.render import fmt, plain, ui
from vejviser.cli import current_lang
from vejviser.kernel import formatting
from vejviser.kernel.i18n import translate


class BadInput(click.ClickException):
    exit_code = 2


@click.command("assess", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("name", required=False)
@click.option(
    "--answers",
    "answers_file",
    type=click.File("r", encoding="utf-8"),
    help="JSON object of answers, keyed by question key ('-' reads standard input).",
)
@click.option(
    "--date",
    "on_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Assess the law as it stands on this date, YYYY-MM-DD (default: today).",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Readable explanation, or the full result as JSON.",
)
@click.option(
    "--lang",
    type=click.Choice(["da", "en"]),
    default=None,
    help="Language of the output (default: the global --lang, else $VEJVISER_LANG, else da).",
)
@click.option("--list-questions", is_flag=True, help="Print the questions and their keys.")
@click.option(
    "--rules", "list_rules", is_flag=True, help="Print the rules as a Markdown table to check."
)
def assess(
    name: str | None,
    answers_file: IO[str] | None,
    on_date: dt.datetime | None,
    output: str,
    lang: str | None,
    list_questions: bool,
    list_rules: bool,
) -> None:
    """Assess AI Act, MDR, GDPR, approvals or procurement (NAME) from answers in JSON."""
    lang = current_lang(lang)
    try:
        assessments = core.list_assessments()
    except core.ContentErrors as exc:
        text = translate("The assessment content has errors:", lang)
        raise click.ClickException(f"{text}\n{exc}") from exc
    if name is None:
        _echo_list(assessments, output, lang)
        return
    try:
        assessment = core.get_questionnaire(name)
    except core.UnknownAssessmentError as exc:
        known = ", ".join(a.id for a in assessments)
        raise BadInput(
            translate(
                "Unknown assessment '{name}'; choose one of {known}.", lang, name=name, known=known
            )
        ) from exc
    if list_questions:
        _echo_questions(assessment, output, lang)
        return
    if list_rules:
        click.echo(rules_table(assessment, lang))
        return
    if answers_file is None:
        raise BadInput(
            translate("--answers FILE.json is required (or use --list-questions).", lang)
        )
    answers = core.from_json(assessment, _read_json(answers_file, lang))
    day = on_date.date() if on_date else dt.date.today()
    try:
        result = core.evaluate(name, answers, day)
    except core.AnswerError as exc:
        lines = [f"  {key}: {problem.text(lang)}" for key, problem in exc.problems.items()]
        heading = translate("Invalid answers for {name}:", lang, name=name)
        raise BadInput(heading + "\n" + "\n".join(lines)) from exc
    if output == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(result.explanation.get(lang))


def _read_json(handle: IO[str], lang: str) -> dict[str, Any]:
    try:
        data = json.load(handle)
    except json.JSONDecodeError as exc:
        raise BadInput(
            translate("{file} is not valid JSON: {error}", lang, file=handle.name, error=str(exc))
        ) from exc
    if not isinstance(data, dict):
        raise BadInput(
            translate(
                "{file} must hold a JSON object of answers, keyed by question.",
                lang,
                file=handle.name,
            )
        )
    return data


def _echo_list(assessments: list[core.AssessmentInfo], output: str, lang: str) -> None:
    if output == "json":
        rows = [
            {
                "id": a.id,
                "title": a.title.model_dump(),
                "version": a.version,
                "reviewed": a.reviewed.isoformat(),
                "next_review": a.next_review.isoformat(),
            }
            for a in assessments
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for a in assessments:
        reviewed = formatting.date(a.reviewed, lang)
        click.echo(f"{a.id:<12} {a.title.get(lang)}  ({a.version}, {reviewed})")


def _echo_questions(a: core.Assessment, output: str, lang: str) -> None:
    if output == "json":
        rows = [q.model_dump(mode="json", exclude_none=True) for q in a.questions]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    click.echo(f"{a.id} – {a.spec.title.get(lang)} ({a.spec.ruleset.version})\n")
    for q in a.questions:
        kind = f"{q.type}: {' | '.join(q.choice_values)}" if q.choices else q.type
        notes = [
            ui(a, "question_required", lang)
            if q.required
            else ui(a, "question_default", lang, value=fmt(q.default, lang, a, q.key))
        ]
        if q.visible_if:
            notes.append(ui(a, "question_shown_if", lang, condition=q.visible_if))
        click.echo(f"{q.key} ({kind}) – " + "; ".join(notes))
        click.echo(f"    {q.text.get(lang)}")
        if q.help:
            click.echo(f"    {q.help.get(lang)}")


def rules_table(a: core.Assessment, lang: str) -> str:
    """Every rule as a Markdown table row: id, title, condition, outputs set, references,
    validity and review date (docs/assessments.md embeds these tables)."""
    header = ui(a, "rules_columns", lang).split("|")
    lines = ["| " + " | ".join(h.strip() for h in header) + " |", "|" + " --- |" * len(header)]
    for group in a.spec.groups:
        for r in group.rules:
            when = f"`{r.when}`" if r.when else ""
            if r.otherwise:
                when = " ".join(filter(None, [ui(a, "rules_otherwise", lang), when]))
            sets = ", ".join(f"`{k}={plain(v)}`" for k, v in r.set.items())
            cells = [
                r.id,
                r.title.get(lang),
                when,
                sets,
                "; ".join(r.references),
                r.valid_from.isoformat(),
                r.valid_to.isoformat() if r.valid_to else "",
                r.review_by.isoformat(),
            ]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    if a.spec.definitions:
        lines += ["", ui(a, "rules_definitions", lang) + ":", ""]
        lines += [f"- `{name}` = `{source}`" for name, source in a.spec.definitions.items()]
    return "\n".join(lines)
