from innochallenge.audit.context import client_address


class AuditContextMiddleware:
    """Make the client's address available to `audit.services.record` for the length of a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client_address.set(request.META.get("REMOTE_ADDR") or None)
        try:
            return self.get_response(request)
        finally:
            client_address.reset(token)
