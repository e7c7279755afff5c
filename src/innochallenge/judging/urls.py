from django.urls import path

from innochallenge.judging import views, views_results, views_scoring

app_name = "judging"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", views.new_round, name="new"),
    path("me/", views.declare, name="declare"),
    path("<int:round_id>/", views.round_detail, name="round"),
    path("<int:round_id>/state/", views.round_state, name="round-state"),
    path("<int:round_id>/invite/", views.invite, name="invite"),
    path("<int:round_id>/entries/<int:entry_id>/", views_scoring.entry_page, name="entry"),
    path("<int:round_id>/entries/<int:entry_id>/state/", views.entry_state, name="entry-state"),
    path("<int:round_id>/entries/<int:entry_id>/score/", views_scoring.score, name="score"),
    path("<int:round_id>/entries/<int:entry_id>/prescreen/", views_scoring.prescreen, name="prescreen"),
    path("<int:round_id>/entries/<int:entry_id>/abstain/", views_scoring.abstain, name="abstain"),
    path(
        "<int:round_id>/entries/<int:entry_id>/attachments/<int:attachment_id>/",
        views_scoring.attachment,
        name="attachment",
    ),
    path("<int:round_id>/results/", views_results.results_page, name="results"),
    path("<int:round_id>/final/", views_results.create_final, name="create-final"),
    path("<int:round_id>/board/", views_results.board, name="board"),
    path("<int:round_id>/board/live/", views_results.board_live, name="board-live"),
    path("<int:round_id>/decide/<int:demand_id>/", views_results.decide, name="decide"),
    path("<int:round_id>/upload/", views_results.upload, name="upload"),
]
