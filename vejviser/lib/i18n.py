"""Content fields stored per language (``title_da``, ``title_en``) and read in the active one."""

from __future__ import annotations

from typing import Any, overload

from django.utils.translation import get_language


def active_lang() -> str:
    """``"en"`` when the active language is English, otherwise ``"da"`` (the default)."""
    lang = get_language() or "da"
    return "en" if lang.startswith("en") else "da"


class Translated:
    """Descriptor: ``title = Translated()`` reads ``title_da`` or ``title_en``.

    Falls back to Danish when the English text is empty.
    """

    name: str

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Translated: ...
    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> str: ...
    def __get__(self, obj: object | None, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        value: str = getattr(obj, f"{self.name}_{active_lang()}") or ""
        return value or getattr(obj, f"{self.name}_da")


def show(value: object) -> str:
    """A core's :class:`~vejviser.kernel.i18n.Message` (or plain text) in the active
    language, through the same catalogue as the page's own text."""
    from vejviser.kernel.i18n import Message

    if isinstance(value, Message):
        return value.text(active_lang())
    return "" if value is None else str(value)
