from innochallenge.core.errors import StepRefused


class DemandError(StepRefused):
    """A demand cannot be saved or submitted; `errors` says why, field by field (`__all__` for the rest).
    `conflict` (from StepRefused) when the input is fine but the demand's state or the calendar forbids
    the action. A page that shows the input again builds its own form from it."""
