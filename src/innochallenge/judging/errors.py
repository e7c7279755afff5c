class JudgingError(Exception):
    """A judging step refused; `conflict` when the input is fine but the state forbids it."""

    def __init__(self, message: str, *, conflict: bool = False):
        super().__init__(message)
        self.message = message
        self.conflict = conflict
