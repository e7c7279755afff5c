from innochallenge.accounts.rules import is_organiser
from innochallenge.jobs.models import Job


def jobs_visible_to(user):
    """Organisers see every job; everybody else sees the jobs they started."""
    qs = Job.objects.select_related("created_by")
    if is_organiser(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(created_by=user)
