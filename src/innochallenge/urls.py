from django.contrib import admin
from django.urls import include, path

from innochallenge.api import api

urlpatterns = [
    path("", include("innochallenge.core.urls")),
    path("accounts/", include("innochallenge.accounts.urls")),
    path("campaigns/", include("innochallenge.campaigns.urls")),
    path("jobs/", include("innochallenge.jobs.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
