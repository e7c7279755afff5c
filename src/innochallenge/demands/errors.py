from innochallenge.core.errors import Refusal, StepRefused


class DemandError(StepRefused):
    """A demand cannot be saved or submitted; `errors` says why, field by field (`__all__` for the rest).
    `conflict` (from StepRefused) when the input is fine but the demand's state or the calendar forbids
    the action. `form` is the bound form of a refused save, for the page that shows it again."""

    def __init__(
        self,
        message: str,
        errors: dict[str, list[str]] | None = None,
        form=None,
        *,
        kind: Refusal | str | None = None,
        conflict: bool = False,
    ):
        super().__init__(message, errors, kind=kind, conflict=conflict)
        self.form = form
