from django.urls import path

from innochallenge.diagnosis import views

app_name = "diagnosis"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("<int:demand_id>/assign/", views.assign, name="assign"),
    path("<int:demand_id>/diagnose/", views.diagnose, name="diagnose"),
    path("proposals/<int:proposal_id>/<str:answer>/", views.answer, name="answer"),
]
