"""The NinjaAPI: routes under /api/v1/, the OpenAPI document at /api/openapi.json, docs at /api/docs.

Errors answer JSON in two shapes: ``{"detail": "sentence"}`` (401, 403, 404, 413, 500) and
``{"detail": [{"type", "loc", "msg", ...}]}`` for 422, whether the body, the query or the path is
wrong (a body that is not JSON included). 409 adds ``current``, the record as it is now. Only a
method a route lacks gets ninja's plain-text 405.

The docs page is Swagger UI from ninja's own static files (``ninja`` is in INSTALLED_APPS), never
from a CDN, and its validator badge is off: it would send our OpenAPI document to swagger.io.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError, Throttled
from ninja.operation import Operation

from benzotaper.web.api import checkins, doses, medications, plans
from benzotaper.web.api.auth import PersonalToken, SignedInSession
from benzotaper.web.api.common import Conflict
from benzotaper.web.faults import BUSY_MESSAGE, busy_response, is_database_busy

logger = logging.getLogger(__name__)


class Api(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The handler's name (``list_doses``, ``create_plan``...), for client generators."""
        return str(operation.view_func.__name__)


api = Api(
    title="benzotaper",
    version="1",
    description=(
        "Your taper plans and journal: doses taken, check-ins and medicines. "
        "Authenticate with `Authorization: Bearer bzt_...` (a personal token) or a signed-in session "
        "(with the CSRF token on unsafe methods). See docs/api.md."
    ),
    auth=[PersonalToken(), SignedInSession()],
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("/v1/plans", plans.router)
api.add_router("/v1/doses", doses.router)
api.add_router("/v1/checkins", checkins.router)
api.add_router("/v1/medications", medications.router)
api.add_router("/v1/insights", "benzotaper.web.api.insights.router")
api.add_router("/v1/symptoms", "benzotaper.web.api.symptoms.router")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if error.status_code == 400 and error.__cause__ is not None:
        # ninja reports an unreadable body as 400; it is invalid input like any other: 422.
        detail = [{"type": "json_invalid", "loc": ["body"], "msg": "The body is not valid JSON."}]
        return api.create_response(request, {"detail": detail}, status=422)
    response = api.create_response(request, {"detail": error.message}, status=error.status_code)
    if isinstance(error, Throttled) and error.wait:
        response["Retry-After"] = str(error.wait)
    return response


@api.exception_handler(Conflict)
def conflict(request: HttpRequest, error: Conflict) -> HttpResponse:
    body = {"detail": error.detail, "current": error.current.model_dump()}
    return api.create_response(request, body, status=409)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(error) or "Forbidden"}, status=403)


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    return api.create_response(request, {"detail": "The request body is too large."}, status=413)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, error: Exception) -> HttpResponse:
    """The last resort: log the error with its traceback and answer JSON, never a debug page.

    Every error a person can cause has its own answer above; reaching this is a bug (the fuzz test,
    tests/web/api/test_fuzzing_finds_no_server_error.py, looks for them)."""
    if is_database_busy(error):
        return busy_response(api.create_response(request, {"detail": BUSY_MESSAGE}, status=503))
    logger.exception("Unhandled error in %s %s", request.method, request.path)
    body: dict[str, Any] = {"detail": "Something went wrong on the server. The error was logged."}
    return api.create_response(request, body, status=500)
