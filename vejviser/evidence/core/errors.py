"""The one exception the evidence core raises for bad input.

It carries a :class:`~vejviser.kernel.i18n.Message` (an English msgid and its
parameters), translated where it is shown: ``vejviser.lib.i18n.show(exc.message)`` on a
page, ``exc.message.text(cli_lang(lang))`` in the CLI. Every message names the file,
column or value that is wrong, but never echoes a value that looks like a CPR number
(see :func:`vejviser.evidence.core.privacy.safe_value`).
"""

from __future__ import annotations

from typing import Any

from vejviser.kernel.i18n import Message, message


class EvidenceInputError(ValueError):
    """Input that cannot be validated.

    ``code`` names the kind of problem (so a form can put the message next to the right
    field), ``message`` is the sentence to show, ``details`` its (already privacy-safe)
    parameters.
    """

    def __init__(self, code: str, msg: Message) -> None:
        self.code = code
        self.message = msg
        self.details: dict[str, Any] = dict(msg.params)
        super().__init__(msg.text("en"))

    @property
    def message_da(self) -> str:
        return self.message.text("da")

    @property
    def message_en(self) -> str:
        return self.message.text("en")

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.code, "message_da": self.message_da, "message_en": self.message_en}


def bad_threshold(value: str) -> Message:
    """A threshold that is not a finite number (``høj``, ``nan``, ``inf``)."""
    return message(
        "The threshold '{value}' must be a finite number or 'youden'.", value=value.strip()[:40]
    )
