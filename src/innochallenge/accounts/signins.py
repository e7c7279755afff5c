"""Who is signed in where (等保 2.0 身份鉴别 / ASVS V3): every signed-in session is written down (`SignIn`),
so its owner sees his sessions and ends them; an optional limit of one concurrent staff session
(`STAFF_SINGLE_SESSION`); a password change or a deactivation ends every session and every API token.

The session data stays in Django's session store (`SESSION_ENGINE`); ending a session deletes it there
through the engine's own `SessionStore`, so any store works. A session ended from elsewhere leaves a
tombstone row, and the browser still carrying its cookie is sent to the log-in page with the reason."""

import re
import time
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from innochallenge.accounts.models import ApiToken, SignIn, User
from innochallenge.accounts.throttling import client_ip
from innochallenge.audit import services as audit

#: The session key this session's row is filed under (it changes when Django cycles the key).
ROW_KEY = "innochallenge.signin_key"
#: When the row's `last_seen_at` was last written (epoch seconds); written at most once a minute.
TOUCHED_AT = "innochallenge.signin_touched"
TOUCH_EVERY = 60

_BROWSERS = [  # most specific first: Edge and the Chinese browsers also say "Chrome" and "Safari"
    ("MicroMessenger", "微信"),
    ("QQBrowser", "QQ 浏览器"),
    ("UCBrowser", "UC 浏览器"),
    ("Edg", "Edge"),
    ("OPR", "Opera"),
    ("Firefox", "Firefox"),
    ("Chrome", "Chrome"),
    ("Version", "Safari"),  # Safari's own version is in "Version/17.2"; "Safari/605" is WebKit's build
]
_SYSTEMS = [
    ("HarmonyOS", "HarmonyOS"),
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
]


def describe_client(user_agent: str) -> str:
    """A readable "Chrome 120 · Windows" from a User-Agent header; the header's first words otherwise."""
    browser = ""
    for token, name in _BROWSERS:
        match = re.search(rf"{token}/(\d+)", user_agent)
        if match:
            browser = f"{name} {match.group(1)}"
            break
    system = next((name for token, name in _SYSTEMS if token in user_agent), "")
    words = " · ".join(part for part in (browser, system) if part)
    return (words or user_agent.strip())[:100]


def _store(session_key: str | None = None):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def _address(request) -> str | None:
    return client_ip(request) or None


# --- recording ---------------------------------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="innochallenge.signins.record")
def _record_sign_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    session = request.session
    if session.session_key is None:
        session.save()  # a key to file the row under
    now = timezone.now()
    carried = session.get(ROW_KEY)  # signing in again as the same user: Django cycled the key
    if carried and carried != session.session_key:
        SignIn.objects.filter(session_key=carried, user=user).delete()
    SignIn.objects.update_or_create(
        session_key=session.session_key,
        defaults={
            "user": user,
            "last_seen_at": now,
            "client_address": _address(request),
            "client": describe_client(request.META.get("HTTP_USER_AGENT", "")),
            "ended_reason": "",
        },
    )
    session[ROW_KEY], session[TOUCHED_AT] = session.session_key, time.time()
    if settings.STAFF_SINGLE_SESSION and user.role in settings.SESSION_TIMED_ROLES:
        end_other_sessions(user, keep=session.session_key, by=user, reason=SignIn.Ended.ELSEWHERE)


@receiver(user_logged_out, dispatch_uid="innochallenge.signins.forget")
def _forget_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session") and request.session.session_key:
        SignIn.objects.filter(session_key=request.session.session_key).delete()


# --- ending ------------------------------------------------------------------------------------------------


def _end(rows, *, by, reason: str, action: str, subject: User) -> int:
    """Delete the sessions of `rows` from the session store; keep a tombstone when the browser should
    be told why on its next request, forget the row otherwise."""
    rows = list(rows)
    if not rows:
        return 0
    for row in rows:
        _store(row.session_key).delete()
    ids = [row.pk for row in rows]
    if reason:
        SignIn.objects.filter(pk__in=ids).update(ended_reason=reason)
    else:
        SignIn.objects.filter(pk__in=ids).delete()
    audit.record(
        actor=by,
        action=action,
        obj=subject,
        changes={"sessions": len(rows)},
        note="; ".join(f"{row.client or '?'} {row.client_address or ''}".strip() for row in rows),
    )
    return len(rows)


def live_sign_ins(user: User):
    return SignIn.objects.filter(user=user, ended_reason="")


@transaction.atomic
def end_session(user: User, sign_in_id: int, *, by: User) -> int:
    """End one of `user`'s sessions (not found: nothing ended)."""
    rows = live_sign_ins(user).filter(pk=sign_in_id)
    return _end(rows, by=by, reason=SignIn.Ended.BY_USER, action="session.ended", subject=user)


@transaction.atomic
def end_other_sessions(user: User, *, keep: str | None, by, reason: str = SignIn.Ended.BY_USER) -> int:
    """End every session of `user` except the one with key `keep`."""
    rows = live_sign_ins(user).exclude(session_key=keep or "")
    action = "session.ended_elsewhere" if reason == SignIn.Ended.ELSEWHERE else "session.ended_others"
    return _end(rows, by=by, reason=reason, action=action, subject=user)


@receiver(post_save, sender=User, dispatch_uid="innochallenge.signins.credentials")
def _end_everything_on_new_credentials(sender, instance: User, created: bool, **kwargs):
    """A password set (changed, reset, set by an organiser) or a deactivated account ends every session and
    every API token of the user at once. A signal, because every way of doing either (the admin's forms,
    the reset link, `changepassword`, a service) ends in `User.save`; `_password` is Django's own mark of a
    password set on the instance and not yet saved (AbstractBaseUser clears it after the save)."""
    if created:
        return
    password_set = getattr(instance, "_password", None) is not None
    if not (password_set or not instance.is_active):
        return
    why = "password" if password_set else "deactivated"
    _end(
        SignIn.objects.filter(user=instance),
        by=None,
        reason="",
        action=f"session.ended_{why}",
        subject=instance,
    )
    tokens, _by_model = ApiToken.objects.filter(user=instance).delete()
    if tokens:
        audit.record(actor=None, action=f"api_token.revoked_{why}", obj=instance, changes={"tokens": tokens})


# --- the request side --------------------------------------------------------------------------------------

_REASONS = {
    SignIn.Ended.ELSEWHERE: lambda: _(
        "You were signed out because your account signed in on another device. Sign in again."
    ),
    SignIn.Ended.BY_USER: lambda: _("This session was ended from another device. Sign in again."),
}


class SignInMiddleware:
    """Keeps a session's row up to date (last seen at most once a minute, the key after Django cycles it)
    and sends a browser whose session was ended elsewhere to the log-in page with the reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._touch(request, user)
        else:
            ended = self._ended_elsewhere(request)
            if ended is not None:
                return ended
        return self.get_response(request)

    def _touch(self, request, user) -> None:
        session = request.session
        key, now = session.session_key, time.time()
        if key is None:
            return
        if session.get(ROW_KEY) != key:  # signed in before rows were kept, or the key was cycled
            previous = session.get(ROW_KEY)
            moved = previous and SignIn.objects.filter(session_key=previous, user=user).update(
                session_key=key
            )
            if not moved:
                SignIn.objects.get_or_create(
                    session_key=key,
                    defaults={
                        "user": user,
                        "last_seen_at": timezone.now(),
                        "client_address": _address(request),
                        "client": describe_client(request.META.get("HTTP_USER_AGENT", "")),
                    },
                )
            session[ROW_KEY], session[TOUCHED_AT] = key, now
        elif now - session.get(TOUCHED_AT, 0) > TOUCH_EVERY:
            SignIn.objects.filter(session_key=key).update(last_seen_at=timezone.now())
            session[TOUCHED_AT] = now

    def _ended_elsewhere(self, request):
        cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if not cookie or request.session.session_key is not None:
            return None  # no session cookie, or a live (anonymous) session
        row = SignIn.objects.filter(session_key=cookie).exclude(ended_reason="").first()
        if row is None:
            return None
        row.delete()
        if request.path.startswith("/api/"):
            return None
        messages.info(request, _REASONS[row.ended_reason]())
        return redirect_to_login(request.get_full_path())


def forget_expired(user: User) -> None:
    """Forget the rows of `user` whose session has expired or gone from the store (Django's `clearsessions`
    empties the store, not these rows); one query for the database stores, one per row for the others."""
    rows = dict(SignIn.objects.filter(user=user).values_list("session_key", "pk"))
    if not rows:
        return
    if settings.SESSION_ENGINE in _DATABASE_ENGINES:
        live = set(
            Session.objects.filter(session_key__in=rows, expire_date__gt=timezone.now()).values_list(
                "session_key", flat=True
            )
        )
    else:
        live = {key for key in rows if _store().exists(key)}
    gone = [pk for key, pk in rows.items() if key not in live]
    if gone:
        SignIn.objects.filter(pk__in=gone).delete()


_DATABASE_ENGINES = {"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"}
