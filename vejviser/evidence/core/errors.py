"""The one exception the evidence core raises for bad input, in Danish and English.

Every message names the file, column or value that is wrong, but never echoes a value
that looks like a CPR number (see :func:`vejviser.evidence.core.privacy.safe_value`).
"""

from __future__ import annotations

from typing import Any

from vejviser.evidence.core.messages import text


class EvidenceInputError(ValueError):
    """Input that cannot be validated, with a message in Danish and in English.

    ``code`` names the kind of problem (a key of the message catalogue), ``details``
    holds the (already privacy-safe) parameters of the message for callers that want
    to show them differently.
    """

    def __init__(self, code: str, **details: Any) -> None:
        self.code = code
        self.details = details
        self.message_da = text(code, "da", **details)
        self.message_en = text(code, "en", **details)
        super().__init__(f"{self.message_da}\n{self.message_en}")

    def message(self, lang: str = "da") -> str:
        return self.message_en if lang == "en" else self.message_da

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.code, "message_da": self.message_da, "message_en": self.message_en}
