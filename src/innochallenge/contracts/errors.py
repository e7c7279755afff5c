from innochallenge.core.errors import StepRefused


class ContractError(StepRefused):
    """A contract, subsidy or award step refused."""
