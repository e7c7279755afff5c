"""Signals of the matching app: the index listens, the library sends."""

from django.dispatch import Signal

#: Sent after achievements were created, changed or deleted (kwargs: ids=list[int]), after the commit.
achievements_changed = Signal()
