"""Precise push (精准推送): a newly published demand goes to the owners of its best-matched achievements and
to its best-matched providers, as one daily digest per person.

Two steps, each safe to run again:
1. `plan(demand)` records a `Push` per recipient — only for a real match (`services.is_real_match`: a
   score at or above the engine's threshold and a shared key term that is not a generic word), never the
   same demand twice to the same person (a unique constraint), never to someone who opted out, never for
   a dismissed match.
2. `send_digests(today)` gathers each person's unsent pushes into one notice (in the app and by e-mail),
   at most one per person per day; what was sent is marked, so a second run sends nothing.

Everything a recipient reads comes from the demand's public view: a hidden company name cannot appear."""

import datetime as dt
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from innochallenge.accounts.enums import Role
from innochallenge.matching import documents, services
from innochallenge.matching.enums import TargetKind
from innochallenge.matching.models import Achievement, Push, PushOptOut
from innochallenge.notifications.services import notify
from innochallenge.publication.public import CHINESE, public_view
from innochallenge.solutions.models import ProviderProfile

TOP = 5  # matches of each kind considered for a push


def _recipients(match: services.Match) -> list:
    User = get_user_model()
    if match.kind == documents.ACHIEVEMENT:
        owner = Achievement.objects.filter(pk=match.id).values_list("owner_user", flat=True).first()
        return list(User.objects.filter(pk=owner, is_active=True)) if owner else []
    profile = ProviderProfile.objects.filter(pk=match.id).first()
    if profile is None:
        return []
    return list(
        User.objects.filter(organisation_id=profile.organisation_id, role=Role.PROVIDER, is_active=True)
    )


def plan(demand, *, today: dt.date | None = None) -> list[Push]:
    """Record the pushes of a published demand; returns the new ones."""
    today = today or timezone.localdate()
    opted_out = set(PushOptOut.objects.values_list("user_id", flat=True))
    found = services.matches_for_demand(demand, top=TOP)
    created = []
    for kind in (documents.ACHIEVEMENT, documents.PROVIDER):
        for match in found[kind]:
            if not services.is_real_match(match):
                continue
            for user in _recipients(match):
                if user.pk in opted_out:
                    continue
                try:
                    with transaction.atomic():
                        created.append(
                            Push.objects.create(
                                demand=demand,
                                recipient=user,
                                target_kind=TargetKind.ACHIEVEMENT if kind == "a" else TargetKind.PROVIDER,
                                target_id=match.id,
                                score=match.score,
                                terms=match.shared_terms,
                                digest_on=today,
                            )
                        )
                except IntegrityError:  # already pushed to this person: never twice
                    continue
    return created


def send_digests(*, today: dt.date | None = None) -> int:
    """One digest per person with unsent pushes, unless one already went out today; returns how many."""
    today = today or timezone.localdate()
    opted_out = set(PushOptOut.objects.values_list("user_id", flat=True))
    sent_today = set(
        Push.objects.filter(sent_at__date=today).values_list("recipient_id", flat=True).distinct()
    )
    waiting = defaultdict(list)
    for push in Push.objects.filter(sent_at__isnull=True).select_related("recipient", "demand"):
        if push.recipient_id not in opted_out and push.recipient_id not in sent_today:
            waiting[push.recipient].append(push)
    for recipient, pushes in waiting.items():
        with transaction.atomic():
            claimed = Push.objects.filter(pk__in=[p.pk for p in pushes], sent_at__isnull=True).update(
                sent_at=timezone.now()
            )
            if not claimed:  # another worker sent it meanwhile
                continue
            titles = "；".join(public_view(p.demand, CHINESE)["title"] for p in pushes[:5])
            notify(
                [recipient],
                "matching.digest",
                {"count": len(pushes), "titles": titles},
                url=reverse("matches:mine"),
            )
    return len(waiting)
