from django.urls import path

from innochallenge.awards import views

app_name = "awards"
urlpatterns = [
    path("", views.index, name="index"),
    path("categories/<int:category_id>/confirm/", views.confirm, name="confirm"),
    path("winners/<int:winner_id>/withdraw/", views.withdraw, name="withdraw"),
    path("winners/<int:winner_id>/certificate.pdf", views.certificate, name="certificate"),
    path("brokers/<int:user_id>/", views.broker, name="broker"),
]
