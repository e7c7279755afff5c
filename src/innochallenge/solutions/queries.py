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


def _counts_all(user) -> bool:
    """The organiser and brokers see solutions of providers still awaiting verification; everyone else
    (the enterprise, providers, the public) counts only the solutions the enterprise sees."""
    role = getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None
    return role in (Role.ORGANISER, Role.BROKER)


def solution_counts(demand_ids, user=None) -> dict[int, int]:
    """How many solutions each demand has, as `user` counts them (see `solution_count`), in one query."""
    solutions = Solution.objects.filter(demand_id__in=list(demand_ids), status__in=COUNTED)
    if not _counts_all(user):
        solutions = solutions.filter(provider__provider_profile__status=ProviderStatus.VERIFIED)
    counts = solutions.order_by().values("demand_id").annotate(n=Count("pk")).values_list("demand_id", "n")
    return dict(counts)


def solution_count(demand, user=None) -> int:
    """Solutions handed in for `demand` (drafts and withdrawn ones do not count). A solution whose
    provider is not verified yet counts only for the organiser and brokers, who see it: the enterprise,
    the providers and anyone not named (`user=None`) count what the enterprise is shown, so that the
    figure on the demand agrees with the enterprise's list of solutions."""
    return solution_counts([demand.pk], user).get(demand.pk, 0)


def with_solution_counts(demands):
    """`demands` annotated with `solution_count` (the special competition wants two or more)."""
    return demands.annotate(solution_count=Count("solutions", filter=Q(solutions__status__in=COUNTED)))
