"""Request context for the audit log: request id, client address and user agent."""

from .context import REQUEST_ID_HEADER, new_request_id, request_context


class AuditContextMiddleware:
    """Give every request an id (``request.request_id``, echoed in the ``X-Request-ID`` response
    header) and bind the request for the audit entries written while it is handled.

    Used instead of django-auditlog's ``AuditlogMiddleware``, which resolves the actor before
    Django REST framework authenticates API tokens (so API writes would have no actor) and trusts
    ``X-Forwarded-For`` from any client. Entries read the user when they are written instead
    (``cctns.audit.context.fill_entry``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = new_request_id(request.headers.get(REQUEST_ID_HEADER))
        with request_context(request, request.request_id):
            response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.request_id
        return response
