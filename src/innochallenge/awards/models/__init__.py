from innochallenge.awards.models.contracts import Contract, Evidence, Payment
from innochallenge.awards.models.prizes import Winner
from innochallenge.awards.models.subsidies import Recalculation, SubsidyApplication

__all__ = ["Contract", "Evidence", "Payment", "Recalculation", "SubsidyApplication", "Winner"]
