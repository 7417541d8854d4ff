"""The monitoring content (``content/monitoring/``): the actions an alert offers.

Pure: :func:`parse` validates the folder's documents and returns :class:`MonitoringContent`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from vejviser.kernel.files import ContentError, ContentErrors
from vejviser.kernel.schema import SourceRef, Text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AlertAction(_Strict):
    id: str
    title: Text
    text: Text
    sources: list[SourceRef]
    serious: bool = False


class ActionsFile(_Strict):
    actions: list[AlertAction]


class MonitoringContent(_Strict):
    actions: list[AlertAction]


def parse(docs: Mapping[str, Any]) -> MonitoringContent:
    actions: list[AlertAction] = []
    for name, data in docs.items():
        if name != "actions.yaml":
            continue
        try:
            actions += ActionsFile.model_validate(data).actions
        except ValidationError as exc:
            raise ContentErrors(
                [ContentError(f"monitoring/{name}", None, str(e["msg"])) for e in exc.errors()]
            ) from exc
    if not actions:
        raise ContentErrors([ContentError("monitoring/actions.yaml", None, "no actions")])
    return MonitoringContent(actions=actions)
