from innochallenge.core.errors import StepRefused


class EventError(StepRefused):
    """A matchmaking-event step refused."""
