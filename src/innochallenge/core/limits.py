"""The upper bound on what one request may send, checked before a byte of the body is read.

Each upload form has its own, smaller limit (20 MB for a demand form, the campaign's limit for solution
files, 100 MB for an achievement library export), but those are checked after Django has received the
whole body and spooled it to disk: a client sending gigabytes would fill the disk first. This middleware
refuses a request whose declared length is over `MAX_REQUEST_MB` at once, with 413 and a message in both
languages (JSON for the API). Behind nginx, set `client_max_body_size` to the same figure."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse

TOO_LARGE = (
    "提交的内容超过 %(mb)s MB，未被接收；请压缩或拆分文件后重试。"
    " / The request is larger than %(mb)s MB and was not accepted; compress or split the files."
)


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_MB * 1024 * 1024
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            message = TOO_LARGE % {"mb": settings.MAX_REQUEST_MB}
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "errors": []}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
