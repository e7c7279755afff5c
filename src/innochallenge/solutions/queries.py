"""Read-only questions about solutions: which a user may list, how many a demand has."""

from django.db.models import Count, Q, QuerySet

from innochallenge.accounts.enums import Role
from innochallenge.solutions.enums import COUNTED, SEEN_BY_ENTERPRISE, ProviderStatus
from innochallenge.solutions.models import Solution


def visible_solutions(user) -> QuerySet[Solution]:
    """The solutions `user` may open (the same parties as the `solutions.view_solution` rule)."""
    solutions = Solution.objects.select_related(
        "demand",
        "demand__campaign",
        "demand__assignment",
        "provider",
        "provider__provider_profile",
        "cooperation_mode",
    )
    role = getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None
    if role == Role.ORGANISER:
        return solutions
    if role == Role.PROVIDER and user.organisation_id:
        return solutions.filter(provider_id=user.organisation_id)
    if role == Role.ENTERPRISE and user.organisation_id:
        return solutions.filter(
            demand__organisation_id=user.organisation_id,
            status__in=SEEN_BY_ENTERPRISE,
            provider__provider_profile__status=ProviderStatus.VERIFIED,
        )
    if role == Role.BROKER:
        return solutions.filter(demand__assignment__broker=user, status__in=COUNTED)
    return solutions.none()


def solution_count(demand) -> int:
    """Solutions handed in for `demand` (drafts and withdrawn ones do not count)."""
    return demand.solutions.filter(status__in=COUNTED).count()


def with_solution_counts(demands):
    """`demands` annotated with `solution_count` (the special competition wants two or more)."""
    return demands.annotate(solution_count=Count("solutions", filter=Q(solutions__status__in=COUNTED)))
