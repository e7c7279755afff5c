from django.urls import path

from innochallenge.matching import views_matches

app_name = "matches"
urlpatterns = [
    path("demands/<int:demand_id>/", views_matches.demand_matches, name="demand"),
    path("demands/<int:demand_id>/review/", views_matches.review, name="review"),
    path("pushes/", views_matches.my_pushes, name="mine"),
]
