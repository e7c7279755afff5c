from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from innochallenge.accounts import views, views_security, views_two_factor
from innochallenge.accounts.forms import QueuedPasswordResetForm
from innochallenge.core.throttle import throttled

app_name = "accounts"
urlpatterns = [
    # The password, then the second factor when one applies (accounts/two_factor.py).
    path("login/", views_two_factor.LoginView.as_view(), name="login"),
    path("two-factor/", views_two_factor.status, name="two-factor"),
    path("two-factor/verify/", views_two_factor.verify, name="two-factor-verify"),
    path("two-factor/set-up/", views_two_factor.enrol, name="two-factor-enrol"),
    path("two-factor/recovery-codes/", views_two_factor.regenerate_codes, name="two-factor-codes"),
    path("two-factor/off/", views_two_factor.turn_off, name="two-factor-off"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("register/", views.register, name="register"),
    # The user's own sessions and API tokens (accounts/views_security.py).
    path("sessions/", views_security.sessions, name="sessions"),
    path("sessions/<int:sign_in_id>/end/", views_security.end_session, name="end-session"),
    path("sessions/end-others/", views_security.end_other_sessions, name="end-other-sessions"),
    path("tokens/", views_security.api_tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views_security.revoke_api_token, name="revoke-token"),
    path("verify/again/", views.resend_verification, name="resend-verification"),
    path("verify/<str:token>/", views.verify_email, name="verify-email"),
    path(
        "password-reset/",
        # Requests counted per address and per e-mail address asked for (core/throttle.py).
        throttled("password_reset", recipient_field="email")(
            auth_views.PasswordResetView.as_view(
                template_name="accounts/password_reset.html",
                form_class=QueuedPasswordResetForm,  # the task worker writes and sends the mail
                success_url=reverse_lazy("accounts:password-reset-done"),
            )
        ),
        name="password-reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password-reset-complete",
    ),
]
