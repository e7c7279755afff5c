from django.urls import path

from innochallenge.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("presets/load/", views.preset_upload, name="preset-upload"),
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/liaisons/", views.liaison_list, name="liaisons"),
    path("<slug:slug>/liaisons/<slug:code>/", views.liaison_edit, name="liaison-edit"),
]
