import sys

from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views.defaults import server_error as default_server_error

from innochallenge.campaigns import queries as campaign_queries
from innochallenge.campaigns.models import Campaign
from innochallenge.campaigns.pages import dashboard_page
from innochallenge.site.home import waiting_for
from innochallenge.site.menu import menu_groups


def home(request):
    """Signed in, the user's own home: what waits for them, then where the campaign stands today and the
    pages of the stages running. Anyone else gets the dashboard of the campaign running today."""
    if not request.user.is_authenticated:
        return dashboard_page(request)
    today = timezone.localdate()
    campaign = Campaign.objects.current(today)
    lines = waiting_for(request.user, today, campaign)
    context = {
        "waiting": [line for line in lines if line.count],
        "nothing": [line for line in lines if not line.count],
        "campaign": campaign,
        "today": today,
    }
    if campaign is not None:
        campaign = campaign_queries.campaign_for_display(campaign.slug)
        running = campaign_queries.running_stages(campaign, today)
        stages = {w.stage for w in running}
        context |= {
            "campaign": campaign,
            "running": running,
            "timeline": campaign_queries.timeline(campaign, today),
            "stage_groups": [g for g in menu_groups(request.user, campaign) if g.stages & stages],
        }
    return render(request, "site/home.html", context)


def healthz(request):
    """For load balancers: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


#: Seconds a client should wait before sending a request again while the database is away.
RETRY_AFTER = 30
DATABASE_AWAY = (
    "数据库暂时无法连接，本次请求没有保存，请稍后重试。"
    " / The database could not be reached; nothing was saved. Please try again shortly."
)


SERVER_ERROR = (
    "服务器出错，本次请求没有完成，已记录以便排查。"
    " / The server failed; the request was not completed and the error is logged."
)


def server_error(request):
    """The 500 handler. A database that is restarting or out of reach is not a bug: the caller gets 503
    with Retry-After and a page (or JSON for the API) that says nothing was saved, built without touching
    the database. Any other failure is a 500: a page, or for the API its JSON error shape."""
    exc = sys.exc_info()[1]
    is_api = request.path.startswith("/api/")
    if not isinstance(exc, OperationalError | InterfaceError):
        if is_api:
            return JsonResponse({"detail": SERVER_ERROR, "errors": {}}, status=500)
        return default_server_error(request)
    if is_api:
        response = JsonResponse({"detail": DATABASE_AWAY, "errors": {}}, status=503)
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response
