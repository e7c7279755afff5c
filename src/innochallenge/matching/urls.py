from django.urls import path

from innochallenge.matching import views_library

app_name = "matching"

urlpatterns = [
    path("achievements/", views_library.library, name="library"),
    path("achievements/import/", views_library.import_page, name="library-import"),
    path("index/rebuild/", views_library.reindex, name="reindex"),
    path("achievements/<int:achievement_id>/", views_library.detail, name="library-detail"),
]
