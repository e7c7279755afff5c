from django.urls import path

from innochallenge.publication import feeds, views, views_staff

app_name = "publication"
urlpatterns = [
    path("catalog/", views.catalog, name="catalog"),
    path("catalog/<slug:campaign>/<int:number>/", views.detail, name="detail"),
    path("en/catalog/", views.catalog, {"lang": "en"}, name="catalog-en"),
    path("en/catalog/<slug:campaign>/<int:number>/", views.detail, {"lang": "en"}, name="detail-en"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("feeds/<str:channel>.<str:fmt>", feeds.feed, name="feed"),
    path("publication/outlets/", views_staff.outlets, name="outlets"),
    path("publication/<int:demand_id>/display/", views_staff.display, name="display"),
    path("publication/<int:demand_id>/publish/", views_staff.publish, name="publish"),
    path("publication/<int:demand_id>/close/", views_staff.close, name="close"),
]
