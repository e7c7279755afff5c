class StepRefused(Exception):
    """A domain step refused, with a message for the user; `conflict` when the input is fine but the
    object's state or the calendar forbids the step (the API answers 409 then, else 400 or 422)."""

    def __init__(self, message: str, *, conflict: bool = False):
        super().__init__(message)
        self.message = message
        self.conflict = conflict
