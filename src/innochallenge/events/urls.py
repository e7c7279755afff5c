from django.urls import path

from innochallenge.events import views, views_agenda, views_outcomes

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.new, name="new"),
    path("<int:event_id>/", views.detail, name="detail"),
    path("<int:event_id>/state/", views.set_state, name="state"),
    path("<int:event_id>/register/", views.register, name="register"),
    path("<int:event_id>/participants/", views.participants, name="participants"),
    path("<int:event_id>/participants/<int:registration_id>/request/", views.ask, name="ask"),
    path("<int:event_id>/requests/", views.request_list, name="requests"),
    path("<int:event_id>/requests/<int:request_id>/answer/", views.answer, name="answer"),
    path("<int:event_id>/availability/", views.availability, name="availability"),
    path("<int:event_id>/agenda/", views_agenda.agenda_page, name="agenda"),
    path("<int:event_id>/agenda.ics", views_agenda.agenda_calendar, name="agenda-ics"),
    path("<int:event_id>/agenda.pdf", views_agenda.agenda_document, name="agenda-pdf"),
    path("<int:event_id>/meetings/<int:meeting_id>/cancel/", views_agenda.cancel, name="cancel-meeting"),
    path("<int:event_id>/meetings/<int:meeting_id>/outcome/", views_outcomes.record, name="outcome"),
    path("<int:event_id>/outcomes/", views_outcomes.outcome_page, name="outcomes"),
    path("<int:event_id>/plan/", views_agenda.plan_page, name="plan"),
    path("<int:event_id>/schedule/", views_agenda.schedule, name="schedule"),
    path("<int:event_id>/check-in/<uuid:token>/", views_agenda.check_in, name="check-in"),
    path("<int:event_id>/registrations/<int:registration_id>/no-show/", views_agenda.no_show, name="no-show"),
]
