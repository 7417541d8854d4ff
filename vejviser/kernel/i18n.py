"""UI text for pure cores and the CLI, from the same gettext catalogues as the pages.

A core never holds translated text. It marks its English message with
:func:`gettext_noop` (so ``make messages`` extracts it into ``vejviser/locale``) and
returns a :class:`Message`: the msgid and its parameters. Whoever shows it translates:

- the web layer with :func:`translate` and the request's language
  (``vejviser.lib.i18n.active_lang()``);
- the CLI with :func:`translate` and ``--lang`` / ``$VEJVISER_LANG``.

Both read the compiled ``.mo`` files with the standard :mod:`gettext` module, so a
translator edits one ``.po`` file (Poedit, Weblate, …) and sees the change in the page
and in the CLI. Placeholders are :meth:`str.format` names (``{column}``); numbers among
the parameters are formatted for the language by :mod:`.formatting`.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

Lang = Literal["da", "en"]
LANGS: tuple[Lang, ...] = ("da", "en")
DEFAULT_LANG: Lang = "da"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "django"


def gettext_noop(msgid: str) -> str:
    """Mark ``msgid`` for extraction; returns it unchanged (translated when shown)."""
    return msgid


def lang_of(value: str | None) -> Lang:
    """``"en"`` for any English tag (``en``, ``en-gb``), otherwise Danish."""
    return "en" if value and value.lower().startswith("en") else "da"


def cli_lang(explicit: str | None = None) -> Lang:
    """The CLI's language: ``--lang``, else ``$VEJVISER_LANG``, else Danish."""
    return lang_of(explicit or os.environ.get("VEJVISER_LANG") or DEFAULT_LANG)


@lru_cache(maxsize=4)
def catalogue(lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue for ``lang`` (msgids themselves when none is compiled)."""
    from .catalogues import ensure_compiled

    ensure_compiled()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang_of(lang)], fallback=True)


def translate(msgid: str, lang: str, /, **params: Any) -> str:
    """``msgid`` in ``lang`` with ``params`` filled in (numbers formatted for ``lang``)."""
    text = catalogue(lang).gettext(msgid)
    if not params:
        return text
    from .formatting import format_param

    return text.format(**{k: format_param(v, lang) for k, v in params.items()})


def ntranslate(singular: str, plural: str, n: int, lang: str, /, **params: Any) -> str:
    """The plural form for ``n`` (``n`` is also available as ``{n}``)."""
    text = catalogue(lang).ngettext(singular, plural, n)
    from .formatting import format_param

    values = {"n": n, **params}
    return text.format(**{k: format_param(v, lang) for k, v in values.items()})


@dataclass(frozen=True)
class Message:
    """A sentence a core wants shown: its msgid and parameters, translated when shown."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return translate(self.msgid, lang, **self.params)

    def texts(self) -> dict[str, str]:
        """The sentence in every language, e.g. for content stored with both."""
        return {lang: self.text(lang) for lang in LANGS}


def message(msgid: str, /, **params: Any) -> Message:
    return Message(msgid, params)
