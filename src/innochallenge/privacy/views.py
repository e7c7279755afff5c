"""The privacy notice, accepting a new version of it, and downloading one's own data."""

import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from innochallenge.jobs.enums import JobState
from innochallenge.jobs.models import Job
from innochallenge.privacy import export, services
from innochallenge.privacy.forms import AcceptForm
from innochallenge.privacy.jobs import EXPORT_PERSONAL_DATA
from innochallenge.privacy.models import Consent
from innochallenge.privacy.notice import notice_context


@require_GET
def notice(request, lang: str = ""):
    """The notice for everyone; /en/privacy/ always in English, /privacy/ in the reader's language."""
    if lang:
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
    context = notice_context() | {
        "alternate_urls": {"zh": reverse("privacy:notice"), "en": reverse("privacy:notice-en")},
        "english": translation.get_language().startswith("en"),
    }
    return render(request, "privacy/notice.html", context)


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    ok = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if ok else "/"


@login_required
def accept(request):
    form = AcceptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.accept_notice(request.user)
        return redirect(_next(request))
    if request.method == "GET" and services.has_accepted_current(request.user):
        return redirect(_next(request))
    context = notice_context() | {"form": form, "next": _next(request)}
    return render(request, "privacy/accept.html", context, status=422 if form.errors else 200)


def _exports_of(user):
    return Job.objects.filter(kind=EXPORT_PERSONAL_DATA, created_by=user).order_by("-created_at")[:5]


@login_required
def my_data(request):
    context = {
        "consents": Consent.objects.filter(user=request.user)[:20],
        "exports": _exports_of(request.user),
        "erasure_url_name": "retention:request",
    }
    return render(request, "privacy/my_data.html", context)


def _filename(user) -> str:
    return f"personal-data-{user.username}-{timezone.localdate():%Y%m%d}.zip"


@login_required
@require_POST
def export_now(request):
    """Small archives come back at once; larger ones (files above PRIVACY_EXPORT_SYNC_MAX_MB) become a job
    whose archive this page then offers."""
    user = request.user
    if export.size_estimate(user) > settings.PRIVACY_EXPORT_SYNC_MAX_MB * 1024 * 1024:
        services.start_export(user)
        messages.info(request, _("Your archive is being prepared; it appears below when it is ready."))
        return redirect("privacy:my-data")
    buffer = io.BytesIO()
    services.export_archive(user, buffer, by=user)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=_filename(user), content_type="application/zip")


@login_required
@require_GET
def export_download(request, job_id):
    job = Job.objects.filter(
        pk=job_id, kind=EXPORT_PERSONAL_DATA, created_by=request.user, state=JobState.DONE
    ).first()
    path = services.export_path(job_id)
    if job is None or not path.exists():
        raise Http404
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=_filename(request.user), content_type="application/zip"
    )
