"""Fixtures for the assistant's tests: the real content (built once) and a tiny,
hand-written content folder for tests that must not depend on the real text."""

from __future__ import annotations

import textwrap
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from vejviser.assistant.core.corpus import default_content_dir
from vejviser.assistant.core.engine import Assistant
from vejviser.assistant.tests.fakes import FakeLLM, handler
from vejviser.kernel.schema import ROLE_IDS

REPO_CONTENT = default_content_dir()


@pytest.fixture(autouse=True)
def _no_llm_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never reach a real LLM endpoint and never write the user's cache."""
    for name in ("LLM_BASE_URL", "LLM_MODEL", "LLM_API_KEY", "LLM_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VEJVISER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def assistant() -> Assistant:
    return Assistant.load(REPO_CONTENT, llm=None)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def tiny_content(tmp_path: Path) -> Path:
    """A minimal content folder: one track, roles, sources and one knowledge file, plus
    the real assistant.yaml (messages and maps) without its word lists, whose terms
    must be used by the passages (a load check) and are the real content's."""
    root = tmp_path / "content"
    (root / "knowledge").mkdir(parents=True)
    yaml = YAML(typ="rt")
    config = yaml.load((REPO_CONTENT / "knowledge" / "assistant.yaml").read_text(encoding="utf-8"))
    for word_list in ("phrase_terms", "term_variants"):
        config.pop(word_list, None)
    with (root / "knowledge" / "assistant.yaml").open("w", encoding="utf-8") as handle:
        yaml.dump(config, handle)
    _write(
        root / "sources.yaml",
        """\
        sources:
          - id: guide
            kind: seed
            title: {da: Guiden, en: The guide}
            url: https://example.org/guide
          - id: law
            kind: law
            title: {da: Loven, en: The law}
        """,
    )
    roles = "\n".join(
        f"""  - id: {rid}
    title: {{da: "Rolle {rid}", en: "Role {rid}"}}
    description: {{da: "Rollen {rid} hjælper med sit fag.", en: "The role {rid} helps."}}
    sources: [{{doc: guide, section: "Roller"}}]"""
        for rid in ROLE_IDS
    )
    (root / "roles.yaml").write_text(f"roles:\n{roles}\n", encoding="utf-8")
    _write(
        root / "journey" / "spor.yaml",
        """\
        id: spor
        order: 1
        title: {da: Prøvespor, en: Test track}
        summary: {da: Et spor til prøve., en: A track for testing.}
        sources: [{doc: guide, section: "Spor"}]
        phases:
          - id: fase-en
            title: {da: Indkøb, en: Procurement}
            purpose: {da: Fasen handler om at købe ind., en: The phase is about buying.}
            sources: [{doc: guide, section: "Fase 1"}]
            attention:
              - id: pas-paa
                text: {da: Husk tærskelværdien for udbud., en: Mind the tender threshold.}
                sources: [{doc: law, section: "§ 6"}]
            actions:
              - id: opstil-krav
                title: {da: Opstil krav, en: Write requirements}
                guidance:
                  da: Skriv kravene til specifikationen af løsningen sammen med brugerne.
                  en: Write the requirements for the solution's specification with the users.
                done: {da: Kravene er skrevet., en: The requirements are written.}
                roles: [indkoebskonsulent, kliniker]
                sources: [{doc: guide, section: "Handling 1"}, {doc: law, section: "§ 2"}]
        """,
    )
    _write(
        root / "knowledge" / "emne.yaml",
        """\
        topic: {da: Emne, en: Topic}
        reviewed: 2026-01-01
        passages:
          - id: databeskyttelse
            title: {da: Databeskyttelsesforordningen, en: The data protection regulation}
            text:
              da: Databeskyttelsesforordningen gælder for personoplysninger om patienter.
              en: The data protection regulation applies to personal data about patients.
            sources: [{doc: law, section: "Art. 1"}]
        """,
    )
    return root


@pytest.fixture
def fake_llm() -> Iterator[tuple[FakeLLM, str]]:
    fake = FakeLLM()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(fake))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield fake, f"http://{host!s}:{port}/v1"
    server.shutdown()
    server.server_close()
