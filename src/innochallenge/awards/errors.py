from innochallenge.core.errors import StepRefused


class AwardsError(StepRefused):
    """A contract, subsidy or award step refused."""
