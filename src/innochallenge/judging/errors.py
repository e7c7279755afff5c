from innochallenge.core.errors import StepRefused


class JudgingError(StepRefused):
    """A judging step refused."""
