from django.urls import path

from innochallenge.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("financing/", views.financing_register, name="financing"),
    path("<slug:table>.xlsx", views.export, name="export"),
]
