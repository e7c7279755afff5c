"""What an audit action code means in words an official reads: 需求已通过诊断, not `demand.diagnosed.approve`.

The codes stay as they are in the trail (they are sealed into its hash chain and other programs filter by
them); only what the admin and the pages show is a label. A code that names a state change
(`event.open`, `subsidy.approved`) reads as the object and the state's own label; a code with no label
here is shown as it is, so a new action is never hidden."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LABELS = {
    "account.created": _("Account created"),
    "account.email_verified": _("E-mail address verified"),
    "account.registered": _("Account registered"),
    # Two-factor sign-in (accounts/two_factor.py).
    "account.two_factor_enrolled": _("Account set up two-factor sign-in"),
    "account.recovery_codes_regenerated": _("Recovery codes made anew"),
    "account.recovery_code_used": _("Recovery code used to sign in"),
    "account.two_factor_turned_off": _("Two-factor sign-in turned off"),
    "account.two_factor_reset": _("Second factor reset by an organiser"),
    # Erasure of personal data (retention/services.py).
    "retention.requested": _("Erasure of personal data requested"),
    "retention.erased": _("Personal data erased"),
    "privacy.consent_recorded": _("Privacy Notice accepted"),
    "privacy.data_exported": _("Personal data downloaded"),
    "achievement.deleted": _("Achievement deleted"),
    "achievement.updated": _("Achievement changed"),
    "achievements.imported": _("Achievements imported"),
    "admin.changed": _("Changed in the admin"),
    "admin.created": _("Added in the admin"),
    "admin.deleted": _("Deleted in the admin"),
    # Sign-ins, API tokens and sensitive reads (accounts/signins.py, accounts/tokens.py, audit/reads.py).
    "api_token.created": _("API token made"),
    "api_token.revoked": _("API token revoked"),
    "api_token.revoked_deactivated": _("API tokens revoked: account deactivated"),
    "api_token.revoked_password": _("API tokens revoked: password changed"),
    "export.with_contacts": _("Export with personal contacts taken"),
    "session.ended": _("Session ended"),
    "session.ended_deactivated": _("Sessions ended: account deactivated"),
    "session.ended_elsewhere": _("Sessions ended: signed in elsewhere"),
    "session.ended_others": _("Other sessions ended"),
    "session.ended_password": _("Sessions ended: password changed"),
    "award.winner_confirmed": _("Award winner confirmed"),
    "award.winner_withdrawn": _("Award winner withdrawn"),
    "campaign.created": _("Campaign created"),
    "campaign.created_from_preset": _("Campaign created from a preset"),
    "campaign.preset_loaded": _("Preset loaded"),
    "collection.extended": _("Demand collection extended"),
    "contract.evidence": _("Contract evidence added"),
    "contract.evidence_read": _("Contract evidence opened"),
    "contract.payment": _("Contract payment recorded"),
    "contract.registered": _("Contract registered"),
    "demand.assigned": _("Demand assigned to a broker"),
    "demand.closed": _("Demand closed"),
    "demand.created": _("Demand filed"),
    "demand.diagnosed.approve": _("Demand passed diagnosis"),
    "demand.diagnosed.revise": _("Demand sent back for revision"),
    "demand.diagnosed.reject": _("Demand rejected in diagnosis"),
    "demand.diagnosed.long_term": _("Demand kept for long-term follow-up"),
    "demand.diagnosis_started": _("Diagnosis started"),
    "demand.edit_accepted": _("Enterprise accepted the broker's wording"),
    "demand.edit_proposed": _("Broker proposed a new wording"),
    "demand.edit_rejected": _("Enterprise kept its own wording"),
    "demand.published": _("Demand published"),
    "demand.submitted": _("Demand submitted"),
    "demand.updated": _("Demand changed"),
    "demand.withdrawn": _("Demand withdrawn"),
    "event.availability_set": _("Availability for meetings set"),
    "event.checked_in": _("Checked in at the event"),
    "event.created": _("Event created"),
    "event.no_show": _("Marked as not present"),
    "event.registered": pgettext_lazy("event", "Registered for the event"),
    "event.scheduled": _("Meetings scheduled"),
    "financing.registered": _("Registered for the financing meeting"),
    "job.started": _("Background job started"),
    "judge.declared": _("Judge's declaration signed"),
    "judging.abstained": _("Judge abstained on an entry"),
    "judging.decided": _("Best solution confirmed"),
    "judging.entry_added": _("Entry added to a round"),
    "judging.invited": _("Judge invited"),
    "judging.prescreened": _("Entry pre-screened"),
    "judging.reordered": _("Order of presentation changed"),
    "judging.round_created": _("Judging round created"),
    "judging.score_cleared": _("Score cleared"),
    "judging.scored": _("Entry scored"),
    "judging.sheet_imported": _("Score sheet imported"),
    "leading.confirmed": _("Leading enterprise confirmed"),
    "leading.declared": _("Leading enterprise declared"),
    "liaison.created": _("Liaison record created"),
    "meeting.cancelled": _("Meeting cancelled"),
    "meeting.outcome": _("Meeting outcome recorded"),
    "meeting_request.created": _("Meeting requested"),
    "meeting_request.expired": _("Meeting request expired"),
    "provider.profile_saved": _("Provider profile saved"),
    "provider.terms_accepted": _("Confidentiality terms accepted"),
    "publication.display_chosen": _("Display of the company name chosen"),
    "publication.updated": _("Publication changed"),
    "solution.created": _("Solution started"),
    "solution.file_added": _("Solution file added"),
    "solution.file_read": _("Solution file opened"),
    "solution.file_removed": _("Solution file removed"),
    "solution.submitted": _("Solution submitted"),
    "solution.updated": _("Solution changed"),
    "solution.withdrawn": _("Solution withdrawn"),
    "subsidy.applied": _("Subsidy applied for"),
    "subsidy.recalculated": _("Subsidy recalculated"),
}


def _state_changes():
    """Prefix of a state-change code → (what changed, the enum whose labels name the new state)."""
    from innochallenge.contracts.enums import SubsidyState  # noqa: PLC0415 - audit sits below the apps whose states it names
    from innochallenge.events.enums import EventState, RequestState  # noqa: PLC0415 - audit sits below the apps whose states it names
    from innochallenge.judging.enums import EntryState, RoundState  # noqa: PLC0415 - audit sits below the apps whose states it names
    from innochallenge.matching.enums import MatchVerdict  # noqa: PLC0415 - audit sits below the apps whose states it names
    from innochallenge.solutions.enums import ProviderStatus, SolutionStatus  # noqa: PLC0415 - audit sits below the apps whose states it names

    return {
        "event.": (_("Event"), EventState),
        "meeting_request.": (_("Meeting request"), RequestState),
        "judging.round_": (_("Judging round"), RoundState),
        "judging.entry_": (_("Entry"), EntryState),
        "match.": (_("Match"), MatchVerdict),
        "provider.": (_("Provider"), ProviderStatus),
        "solution.": (_("Solution"), SolutionStatus),
        "subsidy.": (_("Subsidy"), SubsidyState),
    }


def action_label(code: str) -> str:
    """The words for an audit action code; the code itself when it has none."""
    if code in LABELS:
        return str(LABELS[code])
    for prefix, (subject, states) in _state_changes().items():
        state = code.removeprefix(prefix)
        if code.startswith(prefix) and state in states.values:
            return _("%(subject)s: %(state)s") % {"subject": subject, "state": states(state).label}
    return code
