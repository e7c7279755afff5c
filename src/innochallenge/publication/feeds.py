"""Feeds for outlets, per channel: JSON (stable ids and update times), Atom and .xlsx. An outlet pulls
with its key (`?outlet=KEY`) and each pull is recorded as a dispatch: what reached which outlet, when."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from innochallenge.core.addresses import absolute_url, site_base
from innochallenge.core.exporting import CONTENT_TYPES, XLSX, Sheet, write_xlsx
from innochallenge.demands.enums import Channel
from innochallenge.publication.enums import FeedFormat
from innochallenge.publication.models import Dispatch, Outlet
from innochallenge.publication.public import CHINESE, ENGLISH, is_english, public_demands, public_view

if TYPE_CHECKING:
    from innochallenge.accounts.models import User

ALL = "all"
CHANNELS = {ALL, *Channel.values}
XLSX_TYPE = CONTENT_TYPES[XLSX]


def feed_items(channel: str, lang: str, base: str, since=None) -> list[dict]:
    demands = public_demands().order_by("-publication__published_at", "-pk")
    if channel != ALL:
        demands = demands.filter(channel=channel)
    views = [public_view(d, lang, base) for d in demands]
    return [v for v in views if since is None or v["updated_at"] > since]


@transaction.atomic
def record_dispatch(
    outlet: Outlet, channel: str, fmt: str, items: list[dict], by: User | None = None
) -> Dispatch:
    dispatch = Dispatch.objects.create(
        outlet=outlet,
        channel="" if channel == ALL else channel,
        feed_format=fmt,
        count=len(items),
        sent_by=by,
    )
    dispatch.demands.set([item["id"] for item in items])
    return dispatch


def _exact_times(item: dict) -> dict:
    # Full microseconds (the JSON encoder keeps milliseconds only), so `since=` a time read here is exact.
    return {k: v.isoformat() if hasattr(v, "tzinfo") and hasattr(v, "hour") else v for k, v in item.items()}


def _json(items, channel, lang) -> HttpResponse:
    items = [_exact_times(i) for i in items]
    body = {"channel": channel, "lang": lang, "generated_at": timezone.now(), "items": items}
    return HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False), content_type="application/json"
    )


def _atom(items, channel, lang, request) -> HttpResponse:
    feed = Atom1Feed(
        title=_("InnoChallenge — published technology demands"),
        link=absolute_url(
            request, reverse("publication:catalog-en" if is_english(lang) else "publication:catalog")
        ),
        description=_("Technology demands looking for solutions"),
        language=lang,
        feed_url=absolute_url(request, request.get_full_path()),
    )
    for item in items:
        feed.add_item(
            title=f"{item['reference']} {item['title']}",
            link=item["url"],
            # Atom's <summary type="html"> holds HTML as text: escaped once for HTML here (and once more for
            # XML by the writer), a reader shows `<svg onload=…>` in a description as words, never as markup.
            description=escape(item["description"]).replace("\n", "<br>"),
            unique_id=item["url"],
            pubdate=item["published_at"],
            updateddate=item["updated_at"],
            categories=[
                c for c in (item["industry_field_name"], item["district_name"], item["channel_name"]) if c
            ],
        )
    return HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")


XLSX_COLUMNS = [
    ("reference", "编号 Reference"),
    ("title", "技术需求名称 Title"),
    ("company_name", "企业 Enterprise"),
    ("district_name", "地区 District"),
    ("industry_field_name", "产业领域 Field"),
    ("channel_name", "渠道 Channel"),
    ("budget", "拟投入经费 Budget"),
    ("cooperation_modes", "合作方式 Cooperation"),
    ("description", "需求描述 Description"),
    ("url", "网址 URL"),
    ("published_at", "发布时间 Published"),
    ("updated_at", "更新时间 Updated"),
]


def _cell(value):
    return "、".join(value) if isinstance(value, list) else value


def _xlsx(items, channel) -> HttpResponse:
    sheet = Sheet(
        title="demands",
        columns=[label for _key, label in XLSX_COLUMNS],
        rows=[[_cell(item[key]) for key, _label in XLSX_COLUMNS] for item in items],
    )
    response = HttpResponse(write_xlsx(sheet), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="demands-{channel}.xlsx"'
    return response


def since_of(value: str) -> dt.datetime:
    """`since=` as a reader writes it: a time with or without its zone (the site's zone then), or a day
    (from its start). ValueError for anything else, an impossible date included."""
    moment = parse_datetime(value)  # raises ValueError for a well-formed but impossible date
    if moment is None:
        day = parse_date(value)
        if day is None:
            raise ValueError(value)
        moment = dt.datetime.combine(day, dt.time())
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


@require_GET
def feed(request, channel: str, fmt: str):
    if channel not in CHANNELS or fmt not in FeedFormat.values:
        raise Http404
    outlet = None
    if request.GET.get("outlet"):
        outlet = Outlet.objects.filter(key=request.GET["outlet"], active=True).first()
        if outlet is None:
            raise Http404
    lang = ENGLISH if is_english(request.GET.get("lang")) else CHINESE
    with translation.override(lang):
        since = None
        if request.GET.get("since"):
            try:
                since = since_of(request.GET["since"])
            except ValueError:
                message = _("“since” must be a date (2026-12-01) or a time (2026-12-01T08:00:00+08:00).")
                return JsonResponse({"detail": message, "errors": {"since": [message]}}, status=400)
        items = feed_items(channel, lang, site_base(request), since)
        if outlet is not None:
            # Pulled by the outlet itself, or downloaded by the organiser to send it on.
            sender = request.user if request.user.has_perm("publication.dispatch") else None
            record_dispatch(outlet, channel, fmt, items, by=sender)
        if fmt == FeedFormat.JSON:
            return _json(items, channel, lang)
        if fmt == FeedFormat.ATOM:
            return _atom(items, channel, lang, request)
        return _xlsx(items, channel)
