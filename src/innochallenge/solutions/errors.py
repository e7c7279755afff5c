from innochallenge.core.errors import StepRefused


class SolutionError(StepRefused):
    """A solution step refused; `errors` field by field, `conflict` when the state forbids it."""


def conflict(message: str) -> SolutionError:
    return SolutionError(message, {"__all__": [message]}, conflict=True)
