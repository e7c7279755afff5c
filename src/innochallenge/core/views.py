from django.db import connection
from django.http import JsonResponse

from innochallenge.campaigns.views import dashboard


def home(request):
    """The dashboard of the campaign running today."""
    return dashboard(request)


def healthz(request):
    """For load balancers: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
