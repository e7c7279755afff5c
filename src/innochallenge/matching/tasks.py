"""Background work of the matching engine, run by the task worker after a change."""

from django_tasks import task

from innochallenge.matching import documents, index, push
from innochallenge.publication.public import public_demands

CHUNK = 64


@task()
def task_update_index(keys: list[str]) -> int:
    """Bring these documents up to date in the lexical index, then have their vectors made."""
    written, _deleted = index.update(keys)
    if written and index.dense_enabled():
        for start in range(0, len(keys), CHUNK):
            task_encode.enqueue(keys[start : start + CHUNK])
    return written


@task()
def task_encode(keys: list[str]) -> int:
    """Encode the vectors of these documents where their text changed (a few per second)."""

    found, _gone = documents.docs_for(keys)
    have = dict(index.Vector.objects.filter(key__in=[d.key for d in found]).values_list("key", "text_sha"))
    return index.encode([d for d in found if have.get(d.key) != d.sha])


@task()
def task_push_demand(demand_id: int) -> int:
    """Push a published demand to its best matches, then send the day's digests."""

    demand = public_demands().filter(pk=demand_id, status="published").first()
    if demand is None:
        return 0
    planned = len(push.plan(demand))
    push.send_digests()
    return planned
