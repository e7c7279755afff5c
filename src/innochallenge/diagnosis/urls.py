from django.urls import path

from innochallenge.diagnosis import views

app_name = "diagnosis"
urlpatterns = [path("queue/", views.queue, name="queue")]
