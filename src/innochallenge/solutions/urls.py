from django.urls import path

from innochallenge.solutions import views, views_files

app_name = "solutions"
urlpatterns = [
    path("", views.solution_list, name="list"),
    path("profile/", views.profile, name="profile"),
    path("providers/", views.providers, name="providers"),
    path("providers/<int:profile_id>/review/", views.review, name="review"),
    path("new/<int:demand_id>/", views.new, name="new"),
    path("terms/<int:demand_id>/", views.terms, name="terms"),
    path("<int:solution_id>/", views.detail, name="detail"),
    path("<int:solution_id>/edit/", views.edit, name="edit"),
    path("<int:solution_id>/submit/", views.submit, name="submit"),
    path("<int:solution_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:solution_id>/decide/", views.decide, name="decide"),
    path("<int:solution_id>/files/", views.attach, name="attach"),
    path("<int:solution_id>/files/<int:attachment_id>/remove/", views.detach, name="detach"),
    path("<int:solution_id>/messages/", views.discuss, name="discuss"),
    path("file/<str:token>", views_files.serve, name="file"),
]
