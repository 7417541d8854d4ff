"""``vejviser share …``: sharing results with other Vejviser installations.

    vejviser share key --out FILE                      this installation's public key
    vejviser share trust FILE --name NAME              trust another installation's key
    vejviser share export --project ID --level national --out BUNDLE.json
    vejviser share import BUNDLE.json [--format json]  {"created": …, "product": …, "items": n}

Refusals (an untrusted signer, a tampered or malformed bundle, a project with nothing to
share) exit with code 2 and a message in Danish (``--lang en`` for English).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from vejviser.cli_options import FORMAT, LANG
from vejviser.kernel.i18n import cli_lang, translate


class BadInput(click.ClickException):
    exit_code = 2


def _setup() -> None:
    from vejviser.cli import setup_django

    setup_django()


@click.group()
def share() -> None:
    """Share a project's results with other Vejviser installations (signed bundles)."""


@share.command("key")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the public key file here (default: standard output).",
)
def key_command(out: Path | None) -> None:
    """Write this installation's public key (made on first use) for others to trust."""
    _setup()
    from . import keys

    text = keys.public_key_file()
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


@share.command("trust")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", default="", help="Who the key belongs to, e.g. 'Region Midtjylland'.")
@LANG
def trust_command(file: Path, name: str, lang: str | None) -> None:
    """Trust another installation's public key FILE (written by its `share key`)."""
    _setup()
    from . import bundles

    language = cli_lang(lang)
    try:
        key, created = bundles.trust(file.read_text(encoding="utf-8"), name)
    except (bundles.ShareError, UnicodeDecodeError) as exc:
        text = exc.message.text(language) if isinstance(exc, bundles.ShareError) else str(exc)
        raise BadInput(text) from exc
    params = {"name": key.name, "fingerprint": key.fingerprint}
    if created:
        click.echo(translate("Trusted: {name} ({fingerprint}).", language, **params))
    else:
        click.echo(translate("Already trusted: {name} ({fingerprint}).", language, **params))


@share.command("export")
@click.option("--project", "project_id", type=int, required=True, help="The project's id.")
@click.option(
    "--level",
    type=click.Choice(["region", "national", "public"]),
    default="national",
    show_default=True,
    help="The audience of the bundle.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the bundle here (default: standard output).",
)
@LANG
def export_command(project_id: int, level: str, out: Path | None, lang: str | None) -> None:
    """Export a project's shared items at LEVEL as a signed bundle."""
    _setup()
    from vejviser.projects.models import Project

    from . import bundles
    from .core.bundle import dump

    language = cli_lang(lang)
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        raise BadInput(translate("No project with id {id}.", language, id=str(project_id)))
    try:
        bundle, _release = bundles.export(project, level, None)
    except bundles.ShareError as exc:
        raise BadInput(exc.message.text(language)) from exc
    if out is None:
        click.echo(dump(bundle), nl=False)
    else:
        out.write_text(dump(bundle), encoding="utf-8")


@share.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@FORMAT
@LANG
def import_command(file: Path, fmt: str, lang: str | None) -> None:
    """Import a bundle FILE from a trusted installation (a second import changes nothing)."""
    _setup()
    from . import bundles
    from .core.bundle import BundleError

    language = cli_lang(lang)
    try:
        result = bundles.import_bundle(file.read_bytes())
    except BundleError as exc:
        raise BadInput(exc.message.text(language)) from exc
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False))
        return
    params = {
        "product": result.product,
        "items": str(result.items),
        "version": str(result.version),
        "by": result.shared_by,
    }
    if result.created:
        text = translate(
            "Imported: {product}, {items} items, version {version} from {by}.", language, **params
        )
    elif result.changed:
        text = translate(
            "Updated: {product}, {items} items, version {version} from {by}.", language, **params
        )
    else:
        text = translate(
            "Already imported: {product}, version {version} from {by}. Nothing changed.",
            language,
            **params,
        )
    click.echo(text)
