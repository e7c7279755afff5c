"""Attachments leave only here: through a link made for one user that expires, after the rules agree."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from innochallenge.audit import services as audit
from innochallenge.solutions.files import read_link
from innochallenge.solutions.models import Attachment


@login_required
def serve(request, token: str):
    attachment_id = read_link(token, request.user)
    attachment = (
        Attachment.objects.select_related("solution", "solution__demand").filter(pk=attachment_id).first()
    )
    if attachment is None or not request.user.has_perm("solutions.view_solution", attachment.solution):
        raise Http404
    audit.record(
        actor=request.user, action="solution.file_read", obj=attachment.solution, note=attachment.name
    )
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=attachment.name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
