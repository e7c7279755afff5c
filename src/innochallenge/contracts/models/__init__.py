from innochallenge.contracts.models.contracts import Contract, Evidence, Payment
from innochallenge.contracts.models.subsidies import Recalculation, SubsidyApplication

__all__ = ["Contract", "Evidence", "Payment", "Recalculation", "SubsidyApplication"]
