"""Where the current request came from, for audit entries written deep inside services."""

from contextvars import ContextVar

client_address: ContextVar[str | None] = ContextVar("audit_client_address", default=None)
