"""Keep the matching index in step with the site: whatever changes an achievement, a provider or a
published demand asks the task worker to update that document, after the change is committed."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from innochallenge.demands.models import Demand
from innochallenge.matching.documents import ACHIEVEMENT, DEMAND, PROVIDER
from innochallenge.matching.models import Achievement
from innochallenge.matching.signals import achievements_changed
from innochallenge.publication.models import Publication
from innochallenge.solutions.models import ProviderProfile, Solution


def _later(keys: list[str]) -> None:
    from innochallenge.matching.tasks import task_update_index  # noqa: PLC0415 - the tasks import the index these receivers feed: a cycle

    transaction.on_commit(lambda: task_update_index.enqueue(keys))


@receiver(achievements_changed)
def _achievements(sender, ids, **kwargs):
    _later([f"{ACHIEVEMENT}:{pk}" for pk in ids])


@receiver(post_save, sender=Achievement)
def _achievement_saved(sender, instance, **kwargs):
    _later([f"{ACHIEVEMENT}:{instance.pk}"])


@receiver(post_save, sender=Publication)
def _publication(sender, instance, **kwargs):
    if instance.published_at:
        _later([f"{DEMAND}:{instance.demand_id}"])
        demand_id = instance.demand_id

        def push():
            from innochallenge.matching.tasks import task_push_demand  # noqa: PLC0415 - the tasks import the index these receivers feed: a cycle

            task_push_demand.enqueue(demand_id)

        transaction.on_commit(push)


@receiver(post_save, sender=Demand)
def _demand(sender, instance, **kwargs):
    if instance.status in ("published", "closed"):
        _later([f"{DEMAND}:{instance.pk}"])


@receiver(post_save, sender=ProviderProfile)
def _provider(sender, instance, **kwargs):
    _later([f"{PROVIDER}:{instance.pk}"])


@receiver(post_save, sender=Solution)
def _solution(sender, instance, **kwargs):
    profile = ProviderProfile.objects.filter(organisation_id=instance.provider_id).only("pk").first()
    if profile:
        _later([f"{PROVIDER}:{profile.pk}"])
