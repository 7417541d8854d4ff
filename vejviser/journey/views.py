"""The journey guide: both tracks, their phases, actions and attention points."""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Action, AttentionPoint, Phase, Source, Track


def overview(request: HttpRequest) -> HttpResponse:
    tracks = Track.objects.filter(retired=False).prefetch_related(
        Prefetch(
            "phases",
            Phase.objects.filter(retired=False).prefetch_related(
                Prefetch("actions", Action.objects.current())
            ),
        )
    )
    return render(request, "journey/overview.html", {"tracks": tracks})


def track(request: HttpRequest, slug: str) -> HttpResponse:
    track = get_object_or_404(Track, slug=slug, retired=False)
    phases = track.phases.filter(retired=False).prefetch_related(
        Prefetch("actions", Action.objects.current().prefetch_related("roles")),
        Prefetch("attention", AttentionPoint.objects.filter(retired=False)),
    )
    sources = {s.slug: s for s in Source.objects.all()}
    return render(
        request, "journey/track.html", {"track": track, "phases": phases, "sources": sources}
    )
