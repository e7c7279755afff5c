"""The awards pages: the organiser's page of categories, nominees, winners and the prize budget; a
winner's certificate; a broker's record. Views check the rules and call one service.

URL names are reversed in the namespace the request came through (`ns`, `awards:` on the site), so the
pages also work where a test or a deployment mounts `awards.urls` under another namespace."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innochallenge.accounts.enums import Role
from innochallenge.awards import ledger, nominations, prizes
from innochallenge.awards.certificates import certificate_pdf
from innochallenge.awards.models import Winner
from innochallenge.campaigns.models import AwardCategory, Campaign
from innochallenge.core.forms import posted_text


def _campaign(request) -> Campaign:
    slug = request.GET.get("campaign")
    if slug:
        return get_object_or_404(Campaign, slug=slug)
    campaign = Campaign.objects.current(timezone.localdate())
    if campaign is None:
        raise Http404
    return campaign


def _ns(request) -> str:
    return request.resolver_match.namespace


def _back(request, campaign: Campaign):
    return redirect(f"{_url(request, 'index')}?campaign={campaign.slug}")


def _url(request, name: str, *args) -> str:
    return reverse(f"{_ns(request)}:{name}", args=args)


@login_required
def index(request):
    if not request.user.has_perm("awards.manage_prizes"):
        raise PermissionDenied
    campaign = _campaign(request)
    winners = Winner.objects.filter(category__campaign=campaign).select_related(
        "user", "organisation", "demand__campaign", "solution"
    )
    by_category: dict[int, list[Winner]] = {}
    for winner in winners:
        by_category.setdefault(winner.category_id, []).append(winner)
    ranking = ledger.ranking(campaign)  # counted once for the page and both ledger-based categories
    categories = []
    for category in campaign.award_categories.all():
        won = by_category.get(category.pk, [])
        taken = {nominations.winner_key(w) for w in won}
        nominees = nominations.nominees(category, ranking=ranking)
        categories.append(
            {
                "category": category,
                "winners": won,
                "nominees": [n for n in nominees if n.key not in taken],
                "full": category.count is not None and len(won) >= category.count,
            }
        )
    return render(
        request,
        "awards/prizes.html",
        {
            "campaign": campaign,
            "categories": categories,
            "budget": prizes.prize_budget(campaign),
            "ranking": ranking,
            "ns": _ns(request),
        },
    )


@login_required
@require_POST
def confirm(request, category_id: int):
    if not request.user.has_perm("awards.manage_prizes"):
        raise PermissionDenied
    category = get_object_or_404(AwardCategory.objects.select_related("campaign"), pk=category_id)
    nominee = nominations.nominee_by_key(category, request.POST.get("nominee", ""))
    if nominee is None:
        messages.error(request, _("This nominee is not (or no longer) among the nominees."))
        return _back(request, category.campaign)
    try:
        prizes.confirm_winner(category, nominee, by=request.user)
    except prizes.PrizeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("%(name)s is confirmed for “%(award)s”.") % {"name": nominee.name, "award": category}
        )
    return _back(request, category.campaign)


@login_required
@require_POST
def withdraw(request, winner_id: int):
    if not request.user.has_perm("awards.manage_prizes"):
        raise PermissionDenied
    winner = get_object_or_404(Winner.objects.select_related("category__campaign"), pk=winner_id)
    campaign = winner.category.campaign
    reason = posted_text(request, "reason", label=_("Reason"))
    if reason is None:
        return _back(request, campaign)
    prizes.withdraw_winner(winner, by=request.user, reason=reason)
    messages.success(request, _("The confirmation is withdrawn."))
    return _back(request, campaign)


@login_required
def certificate(request, winner_id: int):
    winner = get_object_or_404(
        Winner.objects.select_related(
            "category__campaign",
            "user",
            "organisation",
            "demand__campaign",
            "demand__publication",
            "solution",
        ),
        pk=winner_id,
    )
    if not request.user.has_perm("awards.view_certificate", winner):
        raise PermissionDenied
    response = HttpResponse(certificate_pdf(winner), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{winner.category.code}-{winner.pk}.pdf"'
    return response


@login_required
def broker(request, user_id: int):
    person = get_object_or_404(get_user_model(), pk=user_id, role=Role.BROKER)
    if not request.user.has_perm("awards.view_broker_record", person):
        raise PermissionDenied
    campaign = _campaign(request)
    return render(
        request,
        "awards/broker_record.html",
        {
            "campaign": campaign,
            "record": ledger.broker_record(person, campaign),
            "can_manage": request.user.has_perm("awards.manage_prizes"),
            "ns": _ns(request),
        },
    )
