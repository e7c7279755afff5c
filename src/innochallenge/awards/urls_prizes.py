from django.urls import path

from innochallenge.awards import views_prizes

app_name = "prizes"
urlpatterns = [
    path("", views_prizes.index, name="index"),
    path("categories/<int:category_id>/confirm/", views_prizes.confirm, name="confirm"),
    path("winners/<int:winner_id>/withdraw/", views_prizes.withdraw, name="withdraw"),
    path("winners/<int:winner_id>/certificate.pdf", views_prizes.certificate, name="certificate"),
    path("brokers/<int:user_id>/", views_prizes.broker, name="broker"),
]
