"""Bad input to the monitoring core: one exception carrying a translatable message."""

from __future__ import annotations

from vejviser.kernel.i18n import Message


class MonitoringInputError(ValueError):
    """Input the core cannot chart; ``.message`` says why in every language."""

    def __init__(self, msg: Message) -> None:
        self.message = msg
        super().__init__(msg.text("en"))
