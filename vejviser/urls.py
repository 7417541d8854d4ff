from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from vejviser.api import api
from vejviser.lib import health

admin.site.site_header = "Vejviser – indhold og administration"
admin.site.site_title = "Vejviser"

urlpatterns = [
    path("", include("vejviser.projects.urls")),
    path("journey/", include("vejviser.journey.urls")),
    path("", include("vejviser.assessments.urls")),
    path("", include("vejviser.evidence.urls")),
    path("", include("vejviser.value.urls")),
    path("", include("vejviser.market.urls")),
    path("", include("vejviser.monitoring.urls")),
    path("", include("vejviser.documents.urls")),
    path("", include("vejviser.portfolio.urls")),
    path("", include("vejviser.sharing.urls")),
    path("", include("vejviser.assistant.urls")),
    path("account/", include("vejviser.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
]
