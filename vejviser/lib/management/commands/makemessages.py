"""``makemessages`` that also extracts the pure cores' and the CLI's messages.

Cores build messages with ``message("…", name=value)`` and the CLI translates with
``translate("…", lang)`` (``vejviser.kernel.i18n``); both are gettext keywords here, so
every sentence a user sees ends up in the one catalogue, ``vejviser/locale``.
"""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [
        *makemessages.Command.xgettext_options,
        "--keyword=message:1",
        "--keyword=translate:1",
        "--keyword=ntranslate:1,2",
    ]
