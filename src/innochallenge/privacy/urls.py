from django.urls import path

from innochallenge.privacy import views

app_name = "privacy"
urlpatterns = [
    path("privacy/", views.notice, name="notice"),
    path("en/privacy/", views.notice, {"lang": "en"}, name="notice-en"),
    path("privacy/accept/", views.accept, name="accept"),
    path("privacy/my-data/", views.my_data, name="my-data"),
    path("privacy/my-data/export/", views.export_now, name="export"),
    path("privacy/my-data/<uuid:job_id>.zip", views.export_download, name="export-download"),
]
