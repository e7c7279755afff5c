from django.contrib import admin
from django.urls import include, path

from innochallenge.api import api
from innochallenge.demands import views as demand_views

urlpatterns = [
    path("", include("innochallenge.site.urls")),
    path("accounts/", include("innochallenge.accounts.urls")),
    # The registration CAPTCHA's picture (django-simple-captcha; accounts/forms.py).
    path("accounts/captcha/", include("captcha.urls")),
    path("campaigns/", include("innochallenge.campaigns.urls")),
    path("jobs/", include("innochallenge.jobs.urls")),
    path("demands/", include("innochallenge.demands.urls")),
    path("diagnosis/", include("innochallenge.diagnosis.urls")),
    path("notifications/", include("innochallenge.notifications.urls")),
    path("solutions/", include("innochallenge.solutions.urls")),
    path("matching/", include("innochallenge.matching.urls")),
    path("matching/", include("innochallenge.matching.urls_matches")),
    path("events/", include("innochallenge.events.urls")),
    path("judging/", include("innochallenge.judging.urls")),
    path("reports/", include("innochallenge.reports.urls")),
    # Erasure of personal information (issue 19).
    path("retention/", include("innochallenge.retention.urls")),
    path("awards/", include("innochallenge.contracts.urls")),
    path("awards/", include("innochallenge.awards.urls")),
    path("", include("innochallenge.publication.urls")),
    path("", include("innochallenge.privacy.urls")),  # /privacy/, /en/privacy/, /privacy/my-data/
    # What a district's QR code holds: short, so the code stays small and easy to scan.
    path("q/<slug:slug>/<slug:code>", demand_views.qr_start, name="qr-start"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler500 = "innochallenge.site.views.server_error"
