"""Job kinds: each app registers the functions the worker runs for its kinds of job."""

from collections.abc import Callable

#: handler(job, progress) -> result dict; progress(done, total, message="") records how far it got.
Handler = Callable[..., dict]
_handlers: dict[str, Handler] = {}
_result_templates: dict[str, str] = {}


def job_kind(kind: str, *, result_template: str = ""):
    """Register the handler of a kind of job; `result_template` shows its result on the job page
    (it receives `job` and `result`)."""

    def register(handler: Handler) -> Handler:
        _handlers[kind] = handler
        if result_template:
            _result_templates[kind] = result_template
        return handler

    return register


def result_template_for(kind: str) -> str:
    return _result_templates.get(kind, "")


def handler_for(kind: str) -> Handler:
    return _handlers[kind]
