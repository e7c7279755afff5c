import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innochallenge.jobs.enums import ACTIVE_STATES, JobState


class Job(models.Model):
    """A long piece of work run by the task worker, with the progress a person can watch."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=50)
    label = models.CharField(_("job"), max_length=200)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return self.label

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def percent(self) -> int:
        if self.state == JobState.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class WorkerBeat(models.Model):
    """The last sign of life of one task worker, so that tasks left running by a dead one can be found.

    `worker_id` is the id the worker writes into `DBTaskResult.worker_ids` when it claims a task.
    """

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"
