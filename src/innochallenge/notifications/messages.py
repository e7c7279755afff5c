"""What each event says to the people concerned. Rendered when shown, in the reader's language."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "demand.submitted": _("Demand %(reference)s “%(title)s” was submitted in your district."),
    "demand.assigned": _("Demand %(reference)s “%(title)s” is yours to diagnose by %(due)s."),
    "demand.diagnosis_started": _("A technology broker is now diagnosing your demand %(reference)s."),
    "demand.resubmitted": _("Demand %(reference)s “%(title)s” was revised and is back in your queue."),
    "demand.diagnosed.approve": _("Your demand %(reference)s was approved for publication. %(reason)s"),
    "demand.diagnosed.revise": _("Your demand %(reference)s needs revision: %(reason)s"),
    "demand.diagnosed.reject": _("Your demand %(reference)s was not accepted: %(reason)s"),
    "demand.diagnosed.long_term": _(
        "Your demand %(reference)s is kept for long-term follow-up, not published this edition: %(reason)s"
    ),
    "demand.edit_proposed": _("The broker proposes changes to your demand %(reference)s: please review."),
    "demand.edit_accepted": _("The enterprise accepted your proposed change to %(reference)s (%(field)s)."),
    "demand.edit_rejected": _("The enterprise kept its own text of %(reference)s (%(field)s)."),
    "demand.published": _("Demand %(reference)s “%(title)s” is published."),
    "demand.closed": _("Demand %(reference)s was closed."),
    "demand.withdrawn": _("Demand %(reference)s was withdrawn by the enterprise."),
    "solution.submitted": _("A new solution “%(title)s” answers demand %(reference)s."),
    "solution.withdrawn": _("The solution “%(title)s” to demand %(reference)s was withdrawn."),
    "solution.shortlisted": _("Your solution “%(title)s” to demand %(reference)s is shortlisted."),
    "solution.declined": _(
        "Your solution “%(title)s” to demand %(reference)s was declined; the reason is on its page."
    ),
    "solution.message": _("A new message about the solution “%(title)s” (demand %(reference)s)."),
    "matching.digest": _("%(count)s newly published demands match your work: %(titles)s"),
    "meeting.requested": _("%(organisation)s asks to meet you at %(name)s on %(date)s."),
    "meeting.accepted": _("%(organisation)s accepted your request to meet at %(name)s."),
    "meeting.declined": _("%(organisation)s declined your request to meet at %(name)s."),
    "meeting.cancelled": _("Your meeting with %(organisation)s at %(name)s is cancelled."),
    "event.scheduled": _(
        "Your meetings at %(name)s on %(date)s are scheduled or have changed: see your agenda."
    ),
    "meeting.outcome_due": _(
        "%(ask)s days after %(name)s: what came of your %(count)s meeting(s)? Please answer on your agenda."
    ),
    "judging.invited": _(
        "You are invited to judge in %(name)s; keep your declaration of interests up to date."
    ),
    "judging.decision_open": _(
        "Every solution to your demand %(reference)s is scored in %(name)s: please confirm the best solution."
    ),
    "provider.verified": _("Your organisation is verified: enterprises now see your solutions."),
    "provider.rejected": _("Your organisation could not be verified. %(note)s"),
}


def render(event: str, params: dict) -> str:
    message = MESSAGES.get(event)
    if message is None:
        return event
    try:
        return (str(message) % params).strip()
    except (KeyError, TypeError, ValueError):
        return str(message)
