"""Publishing a demand: the enterprise's display wishes, the broker's English version, publication and
closing. One function per step, transactional and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innochallenge.accounts.enums import Role
from innochallenge.audit import services as audit
from innochallenge.demands.enums import DemandStatus, demand_may_go
from innochallenge.demands.lifecycle import set_demand_state
from innochallenge.demands.models import Demand
from innochallenge.demands.services import DemandError
from innochallenge.publication import search
from innochallenge.publication.enums import CHOOSING, PUBLISHABLE_FROM, BudgetDisplay
from innochallenge.publication.models import Publication
from innochallenge.publication.public import search_text

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

_SETTINGS = [
    "show_company_name",
    "budget_display",
    "confidential",
    "title_en",
    "description_en",
    "published_at",
]
#: How much each budget display reveals, to tell whether a broker would show more than the enterprise let.
_REVEALS = {BudgetDisplay.HIDDEN: 0, BudgetDisplay.RANGE: 1, BudgetDisplay.EXACT: 2}


def _conflict(message: str) -> DemandError:
    return DemandError(message, {"__all__": [message]}, conflict=True)


def _locked(demand: Demand) -> tuple[Demand, Publication]:
    demand = Demand.objects.select_for_update().get(pk=demand.pk)
    publication = Publication.objects.filter(demand=demand).first() or Publication(demand=demand)
    return demand, publication


def _budget_display(value) -> BudgetDisplay:
    try:
        return BudgetDisplay(value)
    except ValueError:
        message = _("Choose how the budget is shown: exact, range or hidden.")
        raise DemandError(message, {"budget_display": [message]}) from None


def _save(publication: Publication, before: dict, *, by: User, action: str | None) -> dict:
    """Save `publication` and record what changed under `action` (None: the caller records it)."""
    if publication.published_at:
        publication.search_terms = " ".join(search.terms(search_text(publication.demand)))
    publication.save()
    changes = audit.diff(before, audit.snapshot(publication, _SETTINGS))
    if action:
        audit.record(actor=by, action=action, obj=publication.demand, changes=changes)
    return changes


@transaction.atomic
def choose_display(
    demand: Demand,
    *,
    show_company_name: bool,
    budget_display: str,
    by: User,
    confidential: bool | None = None,
) -> Publication:
    """The enterprise says what the public may see: its name or "某企业", the budget exact, as a range or
    not at all. Applies at once to a demand already published."""
    demand, publication = _locked(demand)
    if demand.status not in CHOOSING:
        raise _conflict(_("This demand will not be published."))
    before = audit.snapshot(publication, _SETTINGS) if publication.pk else {}
    publication.show_company_name = bool(show_company_name)
    publication.budget_display = _budget_display(budget_display)
    if confidential is not None:
        publication.confidential = bool(confidential)
    publication.chosen_by = by
    publication.chosen_by_enterprise = getattr(by, "role", None) == Role.ENTERPRISE
    _save(publication, before, by=by, action="publication.display_chosen")
    return publication


def _check_wishes(publication: Publication, show_company_name, budget_display, by: User) -> None:
    """A broker may show less than the enterprise allowed, never more; the organiser may decide."""
    if not publication.chosen_by_enterprise or getattr(by, "role", None) == Role.ORGANISER:
        return
    if show_company_name and not publication.show_company_name:
        message = _("The enterprise asked to hide its name; only it or the organiser can change that.")
        raise DemandError(message, {"show_company_name": [message]}, conflict=True)
    if budget_display and _REVEALS[budget_display] > _REVEALS[BudgetDisplay(publication.budget_display)]:
        message = _(
            "The enterprise chose to show less of its budget; only it or the organiser can change that."
        )
        raise DemandError(message, {"budget_display": [message]}, conflict=True)


@transaction.atomic
def publish(
    demand: Demand,
    *,
    by: User,
    show_company_name: bool | None = None,
    budget_display: str | None = None,
    title_en: str | None = None,
    description_en: str | None = None,
) -> Publication:
    """Publish an approved demand (or update one already published). Settings left out keep what the
    enterprise chose; without an English version the demand goes out in Chinese, English pending."""
    demand, publication = _locked(demand)
    if demand.status not in PUBLISHABLE_FROM:
        raise _conflict(
            _("Only an approved demand can be published; this one is %(status)s.")
            % {"status": demand.get_status_display()}
        )
    budget_display = _budget_display(budget_display) if budget_display is not None else None
    _check_wishes(publication, show_company_name, budget_display, by)
    before = audit.snapshot(publication, _SETTINGS) if publication.pk else {}
    if show_company_name is not None:
        publication.show_company_name = show_company_name
    if budget_display is not None:
        publication.budget_display = budget_display
    if title_en is not None:
        publication.title_en = title_en.strip()
    if description_en is not None:
        publication.description_en = description_en.strip()
    publication.demand = demand
    if demand.status == DemandStatus.APPROVED:
        publication.published_at, publication.published_by = timezone.now(), by
        changes = _save(publication, before, by=by, action=None)
        set_demand_state(demand, DemandStatus.PUBLISHED, by=by, changes=changes)
    else:
        _save(publication, before, by=by, action="publication.updated")
    return publication


@transaction.atomic
def close(demand: Demand, *, by: User, reason: str = "") -> Demand:
    """Take a published demand out of the running (solved, or the edition is over); its page stays."""
    demand, publication = _locked(demand)
    if not demand_may_go(demand.status, DemandStatus.CLOSED):
        raise _conflict(_("Only a published demand can be closed."))
    set_demand_state(demand, DemandStatus.CLOSED, by=by, reason=reason)
    publication.save()  # a new update time: feeds and the search index notice
    return demand


def reindex_catalog() -> int:
    """Cut every published demand's public text into search terms again; returns how many."""
    count = 0
    publications = Publication.objects.filter(published_at__isnull=False).select_related(
        "demand", "demand__campaign", "demand__district", "demand__industry_field", "demand__organisation"
    )
    for publication in publications.iterator(chunk_size=500):
        terms = " ".join(search.terms(search_text(publication.demand)))
        if terms != publication.search_terms:
            publication.search_terms = terms
            publication.save(update_fields=["search_terms", "updated_at"])
        count += 1
    return count
