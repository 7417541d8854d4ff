"""Issue 11's "done when", end to end: the demo contouring project's results exported at
national level, imported into a SECOND installation (another process, another SQLite
database, another key folder), appear on that installation's product page with their
provenance — and no person's name is in the bundle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from vejviser.projects.demo import load_demo
from vejviser.projects.models import Project
from vejviser.sharing import bundles, keys
from vejviser.sharing.core import bundle as core
from vejviser.sharing.demo import load
from vejviser.sharing.models import Lesson, ShareLevel

ROOT = Path(settings.BASE_DIR)

PAGE = textwrap.dedent(
    """
    import os, django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vejviser.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from vejviser.market.models import Product
    from vejviser.portfolio.models import Kind, Organisation, OrganisationMember
    region = Organisation.objects.create(name="Region Hovedstaden", kind=Kind.REGION)
    reader = get_user_model().objects.create_user("hanne", password="x-long-password-1")
    OrganisationMember.objects.create(user=reader, organisation=region)
    client = Client()
    client.force_login(reader)
    product = Product.objects.get()
    print(product.is_example, product.provenance["vendor"]["source"])
    print(client.get(f"/sharing/products/{product.pk}/").content.decode())
    """
)


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=300, cwd=ROOT
    )


@pytest.mark.django_db
def test_contouring_results_shared_nationally_appear_in_a_second_installation(tmp_path):
    load_demo(password="demo-password-123")  # every capability's demo part, ours included
    assert load() == 0  # the sharing part is idempotent
    project = Project.objects.get(demo_key="ai-contouring")
    assert dict(ShareLevel.objects.filter(project=project).values_list("item", "level")) == {
        "validation": "national",
        "monitoring": "national",
        "lessons": "national",
    }
    assert Lesson.objects.filter(project=project).count() == 1

    bundle, _release = bundles.export(project, "national", None)
    payload = bundle["payload"]
    assert set(payload["items"]) == {"validation", "monitoring", "lessons"}
    assert payload["shared_by"] == "Region Syddanmark"
    # no person's name, username or e-mail anywhere in the bundle
    for user in get_user_model().objects.all():
        names = [user.username, user.email, user.first_name, user.last_name]
        assert not core.find_names(bundle, [*names, user.get_full_name()]), user.username
    (tmp_path / "bundle.json").write_text(core.dump(bundle), encoding="utf-8")
    (tmp_path / "syd.key").write_text(keys.public_key_file(), encoding="utf-8")

    second = tmp_path / "second"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{second / 'db.sqlite3'}",
        "VEJVISER_VAR_DIR": str(second),
        "VEJVISER_SHARING_KEY_FILE": str(second / "keys" / "key.pem"),
        "VEJVISER_INSTALLATION_NAME": "Vejviser Region Hovedstaden",
        "VEJVISER_LANG": "da",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    second.mkdir()
    assert run(env, "-m", "vejviser.cli", "manage", "migrate", "-v", "0").returncode == 0
    own = json.loads(run(env, "-m", "vejviser.cli", "share", "key").stdout)
    assert own["fingerprint"] != bundle["signature"]["fingerprint"]  # another installation

    refused = run(env, "-m", "vejviser.cli", "share", "import", str(tmp_path / "bundle.json"))
    assert refused.returncode == 2
    assert "ikke har betroet" in refused.stderr

    trusted = run(
        env,
        "-m",
        "vejviser.cli",
        "share",
        "trust",
        str(tmp_path / "syd.key"),
        "--name",
        "Region Syddanmark",
    )
    assert trusted.returncode == 0 and "Betroet" in trusted.stdout
    args = (
        "-m",
        "vejviser.cli",
        "share",
        "import",
        str(tmp_path / "bundle.json"),
        "--format",
        "json",
    )
    first = run(env, *args)
    assert first.returncode == 0, first.stderr
    result = json.loads(first.stdout)
    assert result["created"] is True and result["items"] == 3
    assert result["product"].startswith("EKSEMPEL Nationalt stråleterapisamarbejde")
    again = json.loads(run(env, *args).stdout)
    assert (again["created"], again["changed"]) == (False, False)

    page = run(env, "-c", PAGE)
    assert page.returncode == 0, page.stderr
    head, html = page.stdout.split("\n", 1)
    assert head.startswith("True shared by Region Syddanmark")  # still labelled an example
    assert "data-imported" in html
    assert "Delt af Region Syddanmark" in html and "version 1" in html
    assert "Gennemsnitlig Dice" in html  # the validation headline
    assert "Åben alarm" in html  # the demo's open Dice alert: monitoring red
    assert "referencesæt" in html  # the lesson learned
    assert "Onkologisk afdeling R" in html
