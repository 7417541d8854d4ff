"""``vejviser share …`` in this process (the second installation in another process is
in ``test_done_when.py``)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from vejviser.cli import main
from vejviser.sharing.models import ImportedDeployment

from .factory import Shared

pytestmark = pytest.mark.django_db


def test_key_export_trust_import_and_refusals(personas, tmp_path):
    shared = Shared(personas, validation="national")
    runner = CliRunner()
    key = tmp_path / "key.json"
    assert runner.invoke(main, ["share", "key", "--out", str(key)]).exit_code == 0
    assert json.loads(key.read_text())["fingerprint"].startswith("sha256:")
    bundle = tmp_path / "bundle.json"
    out = runner.invoke(
        main, ["share", "export", "--project", str(shared.project.pk), "--out", str(bundle)]
    )
    assert out.exit_code == 0, out.output
    assert json.loads(bundle.read_text())["payload"]["audience"] == "national"
    nothing = runner.invoke(
        main, ["share", "export", "--project", str(shared.project.pk), "--level", "public"]
    )
    assert nothing.exit_code == 2 and "Intet deles på dette niveau" in nothing.output
    missing = runner.invoke(main, ["share", "export", "--project", "999999", "--lang", "en"])
    assert missing.exit_code == 2 and "No project with id 999999" in missing.output

    untrusted = runner.invoke(main, ["share", "import", str(bundle)])
    assert untrusted.exit_code == 2
    assert "ikke har betroet" in untrusted.output  # Danish by default
    trusted = runner.invoke(main, ["share", "trust", str(key), "--name", "Syd"])
    assert trusted.exit_code == 0 and "Betroet: Syd" in trusted.output
    first = runner.invoke(main, ["share", "import", str(bundle), "--format", "json"])
    assert json.loads(first.output)["created"] is True
    second = runner.invoke(main, ["share", "import", str(bundle), "--lang", "en"])
    assert second.exit_code == 0 and "Nothing changed" in second.output

    tampered = tmp_path / "tampered.json"
    tampered.write_text(bundle.read_text().replace('"version": 1', '"version": 7'))
    refused = runner.invoke(main, ["share", "import", str(tampered), "--lang", "en"])
    assert refused.exit_code == 2 and "changed after signing" in refused.output
    malformed = tmp_path / "malformed.json"
    malformed.write_text('{"format": "something else"}')
    refused = runner.invoke(main, ["share", "import", str(malformed)])
    assert refused.exit_code == 2 and "ikke en Vejviser-pakke" in refused.output
    not_a_key = tmp_path / "nokey.json"
    not_a_key.write_text("hello")
    refused = runner.invoke(main, ["share", "trust", str(not_a_key), "--name", "X"])
    assert refused.exit_code == 2 and "Ed25519" in refused.output
    assert ImportedDeployment.objects.count() == 1
