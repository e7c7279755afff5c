"""A status has one owner: no code assigns `.status` or `.state` but the function that owns that life
cycle, so every step goes through its table, its audit entry and its notices."""

import ast
from pathlib import Path

import innochallenge

SRC = Path(innochallenge.__file__).parent

#: (module, object) → the life cycle it owns. A new entry here needs its own transitions check.
OWNERS = {
    ("demands/lifecycle.py", "demand"): "DEMAND_TRANSITIONS",
    ("solutions/lifecycle.py", "solution"): "SOLUTION_TRANSITIONS",
    ("events/services.py", "event"): "EVENT_TRANSITIONS",
    ("events/scheduling.py", "event"): "EVENT_TRANSITIONS (scheduled by the solver)",
    ("judging/services.py", "round"): "ROUND_TRANSITIONS",
    ("judging/services.py", "entry"): "the final's entries, presented one by one",
    ("contracts/subsidies.py", "application"): "SUBSIDY_TRANSITIONS",
    # Smaller lives, each set by one service function:
    ("solutions/services.py", "profile"): "a provider's verification",
    ("demands/services.py", "declaration"): "a leading-enterprise declaration",
    ("diagnosis/services.py", "edit"): "a broker's proposed edit",
    ("events/services.py", "request"): "a meeting request's answer",
    ("events/services.py", "meeting"): "a meeting held",
    ("events/scheduling.py", "meeting"): "a meeting cancelled by rescheduling",
    ("events/scheduling.py", "request"): "a request left unanswered expires with the schedule",
    ("jobs/services.py", "job"): "a background job",
    ("retention/services.py", "req"): "an erasure request, waiting until it is erased",
}


def _assignments(tree):
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            for leaf in target.elts if isinstance(target, ast.Tuple) else [target]:
                if isinstance(leaf, ast.Attribute) and leaf.attr in ("status", "state"):
                    yield leaf.lineno, ast.unparse(leaf.value)


def test_no_code_but_the_owner_assigns_a_status():
    found = set()
    strays = []
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC).as_posix()
        if "/migrations/" in module:
            continue
        for line, obj in _assignments(ast.parse(path.read_text(encoding="utf-8"))):
            if (module, obj) in OWNERS:
                found.add((module, obj))
            else:
                strays.append(f"{module}:{line} assigns {obj}.status/state")
    assert strays == [], "go through the owner of that life cycle (e.g. set_demand_state)"
    assert found == set(OWNERS), "an owner listed here no longer sets its state: update the list"
