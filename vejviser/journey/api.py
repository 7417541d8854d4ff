"""Read-only journey content for integrations: /api/v1/journey/..."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from vejviser.lib.i18n import active_lang

from .models import Track

router = Router(tags=["journey"])


class ActionOut(Schema):
    id: str
    title: str
    guidance: str
    done: str
    roles: list[str]
    tools: list[str]
    sources: list[dict[str, str]]


class PhaseOut(Schema):
    id: str
    title: str
    purpose: str
    attention: list[str]
    actions: list[ActionOut]


class TrackOut(Schema):
    id: str
    title: str
    summary: str
    phases: list[PhaseOut]


def track_tree(lang: str) -> list[dict[str, object]]:
    """The whole journey as plain data in one language (also used by the CLI)."""
    tracks = Track.objects.filter(retired=False).prefetch_related(
        "phases__actions__roles", "phases__attention"
    )
    en = lang == "en"
    result: list[dict[str, object]] = []
    for track in tracks:
        phases = []
        for phase in track.phases.all():
            if phase.retired:
                continue
            actions = [
                {
                    "id": a.slug,
                    "title": a.title_en if en else a.title_da,
                    "guidance": a.guidance_en if en else a.guidance_da,
                    "done": a.done_en if en else a.done_da,
                    "roles": [r.slug for r in a.roles.all()],
                    "tools": list(a.tools),
                    "sources": list(a.sources),
                }
                for a in phase.actions.all()
                if not a.retired
            ]
            attention = [
                p.text_en if en else p.text_da for p in phase.attention.all() if not p.retired
            ]
            phases.append(
                {
                    "id": phase.slug,
                    "title": phase.title_en if en else phase.title_da,
                    "purpose": phase.purpose_en if en else phase.purpose_da,
                    "attention": attention,
                    "actions": actions,
                }
            )
        result.append(
            {
                "id": track.slug,
                "title": track.title_en if en else track.title_da,
                "summary": track.summary_en if en else track.summary_da,
                "phases": phases,
            }
        )
    return result


@router.get("/tracks", response=list[TrackOut], auth=None, summary="Both tracks, complete")
def tracks(request: HttpRequest, lang: str | None = None) -> list[dict[str, object]]:
    return track_tree(lang or active_lang())
