"""Job kinds: each app registers the functions the worker runs for its kinds of job."""

from collections.abc import Callable

#: handler(job, progress) -> result dict; progress(done, total, message="") records how far it got.
Handler = Callable[..., dict]
_handlers: dict[str, Handler] = {}


def job_kind(kind: str):
    def register(handler: Handler) -> Handler:
        _handlers[kind] = handler
        return handler

    return register


def handler_for(kind: str) -> Handler:
    return _handlers[kind]
