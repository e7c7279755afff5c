from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from rules.contrib.views import permission_required

from innochallenge.diagnosis.queries import work_queue


@login_required
@permission_required("diagnosis.view_queue", raise_exception=True)
def queue(request):
    today = timezone.localdate()
    return render(
        request, "diagnosis/queue.html", {"assignments": work_queue(request.user, today), "today": today}
    )
