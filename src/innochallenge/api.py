"""The HTTP API under /api/v1/. Errors always look like {"detail": …, "errors": {field: [messages]}}."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from innochallenge.accounts.api import router as auth_router
from innochallenge.api_messages import message_of
from innochallenge.api_throttle import AddressThrottle, TokenThrottle
from innochallenge.campaigns.api import router as campaigns_router
from innochallenge.contracts.api import contracts_router, quote_router
from innochallenge.core.errors import Refusal, StepRefused
from innochallenge.core.throttle import too_many_message
from innochallenge.demands.api import quota_router
from innochallenge.demands.api import router as demands_router
from innochallenge.diagnosis.api import router as diagnosis_router
from innochallenge.judging.api import router as judging_router
from innochallenge.matching.api_library import achievements_router
from innochallenge.matching.api_matches import demand_matches_router, provider_demands_router, search_router
from innochallenge.publication.api import public_router
from innochallenge.publication.api import router as publication_router
from innochallenge.solutions.api import demand_solutions_router, providers_router, solutions_router

#: Answers every operation may give through the handlers below, documented once here rather than on each
#: route: 401 where a token is required, 422 where there is input to validate, 400 for a body that is not
#: JSON at all, 429 over the throttling rates.
_ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}


class InnoChallengeAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                if operation.get("security"):
                    responses.setdefault(401, {"description": "Unauthorized"} | _ERROR)
                if operation.get("parameters") or operation.get("requestBody"):
                    responses.setdefault(422, {"description": "Unprocessable Entity"} | _ERROR)
                if operation.get("requestBody"):
                    responses.setdefault(400, {"description": "Bad Request"} | _ERROR)
                # Every operation is throttled (api_throttle.py).
                responses.setdefault(429, {"description": "Too Many Requests"} | _ERROR)
        return schema


api = InnoChallengeAPI(
    title="InnoChallenge API",
    version="1",
    description="Technology-demand innovation challenges. Authenticate with `POST /api/v1/auth/token`, "
    "then send `Authorization: Bearer <token>`.",
    urls_namespace="api",
    # Per address and per bearer token, at THROTTLE_RATES (api_throttle.py); 429 with Retry-After.
    throttle=[AddressThrottle(), TokenThrottle()],
)


def _field_of(loc: list) -> str:
    # ninja prefixes the location ("body", "query", "path") and the parameter name; callers want the field.
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form", "header")]
    return ".".join(parts) or "__all__"


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors: dict[str, list[str]] = {}
    for err in exc.errors:
        errors.setdefault(_field_of(err.get("loc", [])), []).append(message_of(err))
    return api.create_response(
        request, {"detail": _("The input is not valid."), "errors": errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return api.create_response(request, {"detail": _("Authentication required."), "errors": {}}, status=401)


@api.exception_handler(Throttled)
def on_throttled(request, exc: Throttled):
    # ninja adds Retry-After to this answer; the message says the same in the reader's language.
    wait = int(exc.wait) if exc.wait is not None else 60
    return api.create_response(request, {"detail": too_many_message(wait), "errors": {}}, status=429)


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    errors = getattr(exc, "errors", None) or {}
    return api.create_response(request, {"detail": str(exc), "errors": errors}, status=exc.status_code)


#: A refused domain step answers by its kind (docs/api-errors.md), whichever app refused it.
REFUSAL_STATUS = {
    Refusal.INVALID: 422,
    Refusal.CONFLICT: 409,
    Refusal.FORBIDDEN: 403,
    Refusal.NOT_FOUND: 404,
}


@api.exception_handler(StepRefused)
def on_step_refused(request, exc: StepRefused):
    return api.create_response(
        request, {"detail": exc.message, "errors": exc.errors}, status=REFUSAL_STATUS[exc.kind]
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found."), "errors": {}}, status=404)


api.add_router("/auth", auth_router)
api.add_router("/campaigns", campaigns_router)
api.add_router("/campaigns", quota_router)
api.add_router("/demands", demands_router)
api.add_router("/demands", diagnosis_router)
api.add_router("/demands", publication_router)
api.add_router("/demands", demand_solutions_router)
api.add_router("/providers", provider_demands_router)  # /providers/me/demands before /providers/{id}
api.add_router("/providers", providers_router)
api.add_router("/solutions", solutions_router)
api.add_router("/public", public_router)
api.add_router("/demands", demand_matches_router)
# /achievements/search before /achievements/{id}
api.add_router("/achievements", search_router)
api.add_router("/achievements", achievements_router)
api.add_router("/judging", judging_router)
api.add_router("/campaigns", quote_router)
api.add_router("/contracts", contracts_router)
