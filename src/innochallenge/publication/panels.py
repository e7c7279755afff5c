"""The publication's panel of the demand page (demands/panels.py): the enterprise's display wishes, the
publish form with every place a hidden name still appears in the text, the close button, where the demand
went out; each only when the step would succeed now."""

from innochallenge.demands.enums import DemandStatus
from innochallenge.publication.forms import DisplayForm, PublishForm
from innochallenge.publication.models import Publication
from innochallenge.publication.occurrences import occurrences
from innochallenge.publication.public import page_path

#: A demand has public pages once published, and keeps them when closed.
PUBLIC = (DemandStatus.PUBLISHED, DemandStatus.CLOSED)


def publication(request, demand) -> dict:
    user = request.user
    found = Publication.objects.filter(demand=demand).first()
    display_initial = (
        {"show_company_name": "1" if found.show_company_name else "0", "budget_display": found.budget_display}
        if found
        else None
    )
    publish_initial = {"title_en": found.title_en, "description_en": found.description_en} if found else None
    return {
        "publication": found,
        "public_paths": (
            (page_path(demand, "zh-hans"), page_path(demand, "en"))
            if found and found.published_at and demand.status in PUBLIC
            else None
        ),
        "display_form": (
            DisplayForm(initial=display_initial)
            if user.has_perm("publication.choose_display", demand)
            else None
        ),
        "publish_form": (
            PublishForm(initial=publish_initial)
            if user.has_perm("publication.publish_demand", demand)
            else None
        ),
        "can_close": user.has_perm("publication.close_demand", demand),
        # Who may publish sees where the hidden name still stands in the text (blotted when published).
        "name_occurrences": (
            occurrences(demand) if user.has_perm("publication.publish_demand", demand) else []
        ),
        "dispatches": demand.dispatches.select_related("outlet")[:20],
    }
