"""The demand side's step after the final, for pages outside judging (the demand's page, the home):
`{% load judging_steps %}{% best_solution_steps demand %}` or `{% best_solution_steps %}` for all of the
reader's demands still waiting."""

from django import template

from innochallenge.judging.queries import decision_steps

register = template.Library()


@register.inclusion_tag("judging/_best_solution_steps.html", takes_context=True)
def best_solution_steps(context, demand=None):
    """With a demand: its final sessions, decided or not; without one: the decisions still waiting."""
    user = context.get("user") or getattr(context.get("request"), "user", None)
    steps = decision_steps(user, demand=demand)
    if demand is None:
        steps = [s for s in steps if s.decision is None]
    return {"steps": steps, "one_demand": demand is not None}
