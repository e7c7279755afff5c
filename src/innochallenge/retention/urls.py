from django.urls import path

from innochallenge.retention import views

app_name = "retention"

urlpatterns = [
    path("", views.erasures, name="list"),
    path("erasure/", views.request_erasure, name="request"),
    path("<int:pk>/erase/", views.erase_now, name="erase-now"),
]
