"""The one exception a domain step raises when it refuses: services raise it (or their app's subclass),
pages show its message, and the API answers it in one handler (`innochallenge.api`) by its kind, as
docs/api-errors.md documents."""

from enum import StrEnum


class Refusal(StrEnum):
    """Why a step was refused; the API's status follows from it."""

    #: The input is wrong; `errors` says where (422).
    INVALID = "invalid"
    #: The input is fine, but the object's state or the calendar forbids the step now (409).
    CONFLICT = "conflict"
    #: The caller may not take this step (403).
    FORBIDDEN = "forbidden"
    #: What the step names does not exist (or no longer): a made-up or stale id (404).
    NOT_FOUND = "not_found"


class StepRefused(Exception):
    """A domain step refused, with a message for the user and `errors` field by field (`__all__` for what
    belongs to no field). `conflict=True` is short for `kind=Refusal.CONFLICT`; without either the input
    was invalid."""

    def __init__(
        self,
        message: str,
        errors: dict[str, list[str]] | None = None,
        *,
        kind: Refusal | str | None = None,
        conflict: bool = False,
    ):
        super().__init__(message)
        if kind is not None and conflict and kind != Refusal.CONFLICT:
            raise TypeError(f"conflict=True contradicts kind={kind!r}")
        self.message = message
        self.errors: dict[str, list[str]] = dict(errors or {})
        self.kind = Refusal(kind) if kind is not None else Refusal.CONFLICT if conflict else Refusal.INVALID

    @property
    def conflict(self) -> bool:
        return self.kind == Refusal.CONFLICT
