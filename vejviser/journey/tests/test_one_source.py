"""One source of content: everything is loaded into the database, every reader reads it
there, and every process sees an edit — the journey page, the assistant's answers and the
assessments alike."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from vejviser.assessments.content import registry
from vejviser.assistant.answering import engine, loaded_corpus
from vejviser.assistant.core.corpus import load_corpus
from vejviser.journey import content
from vejviser.journey.loader import load_content
from vejviser.journey.models import Action, ContentDocument, ContentVersion
from vejviser.kernel.files import ContentErrors

CONTENT = Path(settings.CONTENT_DIR)
ROOT = Path(__file__).resolve().parents[3]

#: An action and a question only its edited text answers.
TRACK, SLUG = "faerdigt-produkt", "udfyld-tjekliste"
EDITED = "Brug blåbærprotokollen til tjeklisten, så alle parter ser den samme status."
QUESTION = "Hvad er blåbærprotokollen?"


@pytest.fixture(autouse=True)
def _fresh(db: Any) -> None:
    content.clear_cache()


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target, ignore=shutil.ignore_patterns("evidence", "value"))
    return target


def test_every_registered_folder_is_stored() -> None:
    folders = set(ContentDocument.objects.values_list("folder", flat=True))
    assert {"knowledge", "assessments"} <= set(content.registered_folders()) <= folders
    stored = ContentDocument.objects.get(folder="knowledge", name="mdr.yaml")
    assert stored.text == (CONTENT / "knowledge" / "mdr.yaml").read_text("utf-8")
    assert isinstance(stored.data["reviewed"], type(stored.updated_at.date()))  # a date again


def test_the_corpus_from_the_database_is_the_corpus_from_the_files() -> None:
    """Answers do not depend on where the content is read from."""
    from_db, from_files = loaded_corpus(), load_corpus(CONTENT)
    assert from_db.docs == from_files.docs
    assert from_db.sources == from_files.sources and from_db.roles == from_files.roles
    assert from_db.config == from_files.config


def test_the_assessments_from_the_database_are_those_from_the_files() -> None:
    from vejviser.assessments.core.loader import load_registry

    stored, files = registry(), load_registry(CONTENT / "assessments")
    assert list(stored.assessments) == list(files.assessments)
    for name, assessment in stored.assessments.items():
        assert assessment.spec == files.assessments[name].spec, name
        assert assessment.tables.keys() == files.assessments[name].tables.keys()


@pytest.mark.parametrize("folder", sorted(content.registered_folders()))
def test_every_folder_parses_as_stored(folder: str) -> None:
    """What ``parse`` gets from the database (plain values, dates as dates) parses."""
    assert content.parse_folder(folder, content.read_folder(folder)) is not None


def test_an_edit_of_an_action_moves_the_revision_and_the_answer() -> None:
    before = content.revision()
    assert EDITED not in engine().ask(QUESTION, use_llm=False).text
    action = Action.objects.get(phase__track__slug=TRACK, slug=SLUG)
    action.guidance_da = EDITED
    action.save()
    assert content.revision() > before
    answer = engine().ask(QUESTION, use_llm=False)
    assert "blåbærprotokollen" in answer.text and f"action:{TRACK}:{SLUG}" in answer.passages


def test_an_admin_edit_of_an_action_shows_in_page_and_answer(admin_client: Any) -> None:
    action = Action.objects.get(phase__track__slug=TRACK, slug=SLUG)
    form = {
        "phase": action.phase_id,
        "order": action.order,
        "slug": action.slug,
        "title_da": action.title_da,
        "title_en": action.title_en,
        "guidance_da": EDITED,
        "guidance_en": action.guidance_en,
        "done_da": action.done_da,
        "done_en": action.done_en,
        "roles": [r.pk for r in action.roles.all()],
        "tools": json.dumps(action.tools),
        "sources": json.dumps(action.sources),
    }
    before = content.revision()
    response = admin_client.post(f"/admin/journey/action/{action.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    version = ContentVersion.objects.order_by("-id").first()
    assert version is not None
    assert version.id > before and version.kind == "edit" and version.loaded_by == "admin"
    assert "blåbærprotokollen" in admin_client.get(f"/journey/{TRACK}/").content.decode()
    assert "blåbærprotokollen" in engine().ask(QUESTION, use_llm=False).text


def test_an_unchanged_load_keeps_the_revision() -> None:
    before = content.revision()
    assert load_content(CONTENT).unchanged
    assert load_content(CONTENT, force=True).unchanged
    assert content.revision() == before


def test_a_load_error_in_any_folder_changes_nothing(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    (target / "journey" / "ny-ide.yaml").write_text(
        (target / "journey" / "ny-ide.yaml").read_text("utf-8").replace("Giv plads", "Giv rum"),
        "utf-8",
    )
    mdr = target / "assessments" / "mdr.yaml"
    mdr.write_text(mdr.read_text("utf-8").replace("questions:", "questionz:", 1), "utf-8")
    knowledge = target / "knowledge" / "atv.yaml"
    knowledge.write_text("topic: [", "utf-8")
    before = content.revision()
    documents = list(ContentDocument.objects.values_list("name", "digest"))
    actions = list(Action.objects.values_list("id", "title_da"))
    with pytest.raises(ContentErrors) as info:
        load_content(target)
    named = {e.path for e in info.value.errors}
    assert {"content/assessments/mdr.yaml", "content/knowledge/atv.yaml"} <= named
    assert content.revision() == before
    assert list(ContentDocument.objects.values_list("name", "digest")) == documents
    assert list(Action.objects.values_list("id", "title_da")) == actions


def test_folder_data_reads_the_stored_documents_not_the_files(
    tmp_path: Path, settings: Any
) -> None:
    settings.CONTENT_DIR = target = _copy(tmp_path)
    (target / "assessments" / "gdpr.yaml").unlink()
    assert set(registry().assessments) == {"ai-act", "mdr", "gdpr", "approvals", "procurement"}
    doc = ContentDocument.objects.get(folder="assessments", name="index.yaml")
    doc.data = {**doc.data, "assessments": ["mdr", "gdpr"]}
    doc.save()  # an edit in code moves the revision like one in the admin
    assert set(registry().assessments) == {"mdr", "gdpr"}


def test_a_document_edited_in_the_admin_is_checked_kept_and_overwritten(
    admin_client: Any,
) -> None:
    doc = ContentDocument.objects.get(folder="knowledge", name="atv.yaml")
    url = f"/admin/journey/contentdocument/{doc.pk}/change/"
    bad = admin_client.post(url, {"text": doc.text.replace("passages:", "pasages:", 1)})
    assert bad.status_code == 200 and "content/knowledge/atv.yaml" in bad.content.decode()
    broken = admin_client.post(url, {"text": "topic: ["})
    assert broken.status_code == 200 and "YAML" in broken.content.decode()
    doc.refresh_from_db()
    assert not doc.locally_modified
    before = content.revision()
    edited = doc.text.replace("reviewed:", "# redigeret\nreviewed:", 1)
    assert admin_client.post(url, {"text": edited}).status_code == 302
    doc.refresh_from_db()
    assert doc.locally_modified and doc.text == edited and content.revision() > before
    report = load_content(CONTENT, force=True)
    assert "document knowledge/atv.yaml" in report.kept_local
    load_content(CONTENT, overwrite_local=True)
    doc.refresh_from_db()
    assert not doc.locally_modified and "redigeret" not in doc.text


def test_a_removed_file_is_retired_and_left_out(tmp_path: Path) -> None:
    target = _copy(tmp_path)
    (target / "knowledge" / "cases.yaml").unlink()
    cases = ContentDocument.objects.get(folder="knowledge", name="cases.yaml")
    gone = {f"knowledge:{p['id']}" for p in cases.data["passages"]}
    assert gone <= {d.id for d in engine().corpus.docs}
    load_content(target)
    cases.refresh_from_db()
    assert cases.retired and "cases.yaml" not in content.stored_documents("knowledge")
    assert not gone & {d.id for d in engine().corpus.docs}


# -- two processes ----------------------------------------------------------------------

WORKER = textwrap.dedent(
    """
    import json, os, sys
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")
    import django
    django.setup()
    from django.test import Client
    from vejviser.assistant.answering import answer
    from vejviser.journey.models import Action

    client = Client()
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["op"] == "ask":
            found = answer(cmd["q"])
            out = {"text": found.text, "passages": found.passages}
        elif cmd["op"] == "page":
            out = {"body": client.get(cmd["url"]).content.decode()}
        else:
            action = Action.objects.get(phase__track__slug=cmd["track"], slug=cmd["slug"])
            action.guidance_da = cmd["text"]
            action.locally_modified = True
            action.save()
            out = {}
        print(json.dumps(out), flush=True)
    """
)


class Worker:
    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", WORKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )

    def __call__(self, **cmd: str) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "worker stopped"
        return json.loads(line)  # type: ignore[no-any-return]

    def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def test_an_edit_in_one_process_shows_in_every_process(tmp_path: Path) -> None:
    """Two server processes on one SQLite database: an editor's change made through one
    shows on the page and in the assistant's answer of both, and in the CLI's."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "vejviser.settings",
        "VEJVISER_VAR_DIR": str(tmp_path / "var"),
        "VEJVISER_CACHE_DIR": str(tmp_path / "cache"),
        "VEJVISER_CONTENT_DIR": str(CONTENT),
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "vejviser.cli", "content", "load"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    first, second = Worker(env), Worker(env)
    try:
        page = f"/journey/{TRACK}/"
        for worker in (first, second):
            assert "blåbærprotokollen" not in worker(op="ask", q=QUESTION)["text"]
            assert "blåbærprotokollen" not in worker(op="page", url=page)["body"]
        second(op="edit", track=TRACK, slug=SLUG, text=EDITED)
        for worker in (first, second):
            answer = worker(op="ask", q=QUESTION)
            assert "blåbærprotokollen" in answer["text"], answer
            assert f"action:{TRACK}:{SLUG}" in answer["passages"]
            assert "blåbærprotokollen" in worker(op="page", url=page)["body"]
        # A third process, the CLI from a cold start, reads the index kept for the new
        # revision (found by one SQL query, before Django is set up).
        cli = subprocess.run(
            [sys.executable, "-m", "vejviser.cli", "ask", QUESTION, "--format", "json"],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        assert "blåbærprotokollen" in json.loads(cli.stdout)["answer"]
    finally:
        first.stop()
        second.stop()
