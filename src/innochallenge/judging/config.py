"""A campaign's judging rules, read from `Campaign.judging` through the preset's schema, so the defaults
(the five criteria of the special competition, the three of the final, 10 finalists, 3 judges at least,
trimmed mean dropping 1 each side) are defined once, in `campaigns.preset.JudgingIn`."""

from innochallenge.campaigns.preset import CriterionIn, JudgingIn
from innochallenge.judging.enums import Stage


def rules_of(campaign) -> JudgingIn:
    return JudgingIn.model_validate(campaign.judging or {})


def criteria(campaign, stage: str) -> list[CriterionIn]:
    rules = rules_of(campaign)
    return rules.special_criteria if stage == Stage.SPECIAL else rules.final_criteria
