"""Putting accepted meeting requests into (slot, table) places.

Rules: nobody is in two places at once, nobody meets in a slot they cannot attend, a slot has no more
meetings than tables (and no more interpreted meetings than tables with an interpreter). Aim: the most
priority-weighted value (must meet 10, should meet 3, nice to meet 1 by default), with never fewer
meetings than first come, first served would place.

Tables of one kind are interchangeable, so the solver decides only each meeting's slot; tables are
handed out afterwards, interpreted meetings first to the interpreter tables. The model is CP-SAT's
(OR-Tools): one yes/no per request and free slot, warm-started from the greedy schedule, under a time
limit; it reports the best value found and the bound it proved (the best any schedule could reach).

Re-scheduling (after a cancellation or a change of availability) keeps every meeting where it was
unless moving it lets a more valuable schedule in: a kept meeting is worth a little more than a moved one,
never as much as the value of another meeting.

Among schedules of that value, a second, short solve takes the chosen meetings as they are (the same
meetings, the kept ones where they were) and moves them to earlier slots and into compact agendas: fewer
idle slots between a person's first and last meeting. Left to the first solve alone, a single meeting
could land in the last slot of the day (issue 17). Folding this preference into the first objective made
the bound harder to prove (value within 30 s fell from 99.7 % to 80 % of the bound on the benchmark), so
it runs after, on a much smaller model, and can only replace the first schedule by an equally valuable
one."""

import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from innochallenge.events.instance import Instance


@dataclass(frozen=True)
class Place:
    request: int
    slot: int
    table: int


@dataclass
class Result:
    places: list[Place]
    value: int
    upper_bound: float
    optimal: bool
    seconds: float
    #: (seconds, value) of each better schedule found, for benchmarks and the progress bar
    improvements: list[tuple[float, int]] = field(default_factory=list)

    @property
    def scheduled(self) -> int:
        return len(self.places)


def value_of(instance: Instance, slots: dict[int, int]) -> int:
    return sum(instance.weight(instance.requests[r]) for r in slots)


def greedy(instance: Instance, order: list[int] | None = None) -> dict[int, int]:
    """First come, first served: each request in turn takes the earliest slot where both are free and a
    table is left. This is what a spreadsheet or a first-come booking tool does. (`order` changes the
    turn: the solver's warm start takes must-meet requests first.)"""
    busy: set[tuple[str, int]] = set()
    used = [0] * instance.slots
    interpreted = [0] * instance.slots
    chosen: dict[int, int] = {}
    for r in order if order is not None else range(len(instance.requests)):
        request = instance.requests[r]
        for s in instance.free_slots(request):
            if (request.a, s) in busy or (request.b, s) in busy or used[s] >= instance.tables:
                continue
            if request.interpreter and interpreted[s] >= instance.interpreter_tables:
                continue
            chosen[r] = s
            busy |= {(request.a, s), (request.b, s)}
            used[s] += 1
            interpreted[s] += request.interpreter
            break
    return chosen


def tables_for(instance: Instance, slots: dict[int, int]) -> list[Place]:
    """Hand out tables slot by slot: interpreted meetings to tables 0…K-1 first, the rest after."""
    places = []
    by_slot: dict[int, list[int]] = {}
    for r, s in slots.items():
        by_slot.setdefault(s, []).append(r)
    for s, requests in sorted(by_slot.items()):
        requests.sort(key=lambda r: (not instance.requests[r].interpreter, r))
        places += [Place(r, s, t) for t, r in enumerate(requests)]
    return sorted(places, key=lambda p: p.request)


def solve(
    instance: Instance,
    *,
    time_limit: float = 10.0,
    previous: dict[int, int] | None = None,
    workers: int = 2,
) -> Result:
    """The best schedule the solver finds in `time_limit` seconds (often proved optimal sooner)."""
    started = time.perf_counter()
    baseline = greedy(instance)
    model = cp_model.CpModel()
    x = _places(model, instance, {r: instance.free_slots(q) for r, q in enumerate(instance.requests)})
    model.add(sum(x.values()) >= len(baseline))  # never fewer meetings than first come, first served

    # Value first; among equally valuable schedules, the one that moves the fewest meetings.
    keep = previous or {}
    scale = 2 * (len(keep) + 1)
    model.maximize(
        sum(
            (instance.weight(instance.requests[r]) * scale + (1 if keep.get(r) == s else 0)) * var
            for (r, s), var in x.items()
        )
    )
    by_priority = sorted(range(len(instance.requests)), key=lambda r: (-instance.requests[r].priority, r))
    start = max(baseline, greedy(instance, by_priority), key=lambda c: (value_of(instance, c), len(c)))
    if keep:
        start = {r: s for r, s in keep.items() if (r, s) in x}
    for (r, s), var in x.items():
        model.add_hint(var, start.get(r) == s)

    compacting = min(2.0, time_limit / 10)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit - compacting
    solver.parameters.num_workers = workers
    improvements: list[tuple[float, int]] = []

    class _Watch(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self):
            value = int(self.objective_value // scale)
            improvements.append((round(time.perf_counter() - started, 3), value))

    status = solver.solve(model, _Watch())
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # cannot happen: greedy is a solution
        chosen, bound, optimal = baseline, float(value_of(instance, baseline)), False
    else:
        chosen = {r: s for (r, s), var in x.items() if solver.value(var)}
        bound = solver.best_objective_bound / scale
        optimal = status == cp_model.OPTIMAL
        chosen = compact(instance, chosen, keep=keep, time_limit=compacting, workers=workers)
    return Result(
        places=tables_for(instance, chosen),
        value=value_of(instance, chosen),
        upper_bound=round(bound, 3),
        optimal=optimal,
        seconds=round(time.perf_counter() - started, 3),
        improvements=improvements,
    )


def _places(
    model: cp_model.CpModel, instance: Instance, allowed: dict[int, list[int]]
) -> dict[tuple[int, int], cp_model.IntVar]:
    """One yes/no per request and allowed slot, with the rules of a schedule: each request at most once,
    nobody twice in a slot, no more meetings than tables nor interpreted ones than interpreter tables."""
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    for r, slots in allowed.items():
        for s in slots:
            x[r, s] = model.new_bool_var(f"x{r}_{s}")
    by_request: dict[int, list] = {}
    by_person_slot: dict[tuple[str, int], list] = {}
    by_slot: dict[int, list] = {}
    interpreted_by_slot: dict[int, list] = {}
    for (r, s), var in x.items():
        request = instance.requests[r]
        by_request.setdefault(r, []).append(var)
        by_person_slot.setdefault((request.a, s), []).append(var)
        by_person_slot.setdefault((request.b, s), []).append(var)
        by_slot.setdefault(s, []).append(var)
        if request.interpreter:
            interpreted_by_slot.setdefault(s, []).append(var)
    for group in by_request.values():
        model.add_at_most_one(group)
    for group in by_person_slot.values():
        if len(group) > 1:
            model.add_at_most_one(group)
    for group in by_slot.values():
        if len(group) > instance.tables:
            model.add(sum(group) <= instance.tables)
    for group in interpreted_by_slot.values():
        model.add(sum(group) <= instance.interpreter_tables)
    return x


def idle_slots(instance: Instance, slots: dict[int, int]) -> int:
    """Slots a person waits between their first and last meeting, summed over everyone."""
    agendas: dict[str, list[int]] = {}
    for r, s in slots.items():
        request = instance.requests[r]
        agendas.setdefault(request.a, []).append(s)
        agendas.setdefault(request.b, []).append(s)
    return sum(max(a) - min(a) + 1 - len(a) for a in agendas.values())


def compact(
    instance: Instance,
    chosen: dict[int, int],
    *,
    keep: dict[int, int] | None = None,
    time_limit: float = 2.0,
    workers: int = 2,
) -> dict[int, int]:
    """The same meetings, each still scheduled, kept ones where they were, moved to earlier slots and
    into agendas with fewer idle slots (an idle slot weighs as much as three slots later in the day).
    Returns `chosen` itself when nothing better is found in `time_limit`."""
    keep = keep or {}
    fixed = {r: s for r, s in chosen.items() if keep.get(r) == s}
    model = cp_model.CpModel()
    allowed = {r: [fixed[r]] if r in fixed else instance.free_slots(instance.requests[r]) for r in chosen}
    x = _places(model, instance, allowed)
    at: dict[int, cp_model.LinearExpr] = {}
    for r, slots in allowed.items():
        model.add_exactly_one(x[r, s] for s in slots)
        at[r] = cp_model.LinearExpr.sum([s * x[r, s] for s in slots])
    agendas: dict[str, list[int]] = {}
    for r in chosen:
        agendas.setdefault(instance.requests[r].a, []).append(r)
        agendas.setdefault(instance.requests[r].b, []).append(r)
    cost = [sum(at.values())]
    for person, requests in agendas.items():
        if len(requests) < 2:
            continue
        first = model.new_int_var(0, instance.slots - 1, f"first_{person}")
        last = model.new_int_var(0, instance.slots - 1, f"last_{person}")
        for r in requests:
            model.add(first <= at[r])
            model.add(last >= at[r])
        cost.append(3 * (last - first + 1 - len(requests)))
    model.minimize(sum(cost))
    for (r, s), var in x.items():
        model.add_hint(var, chosen[r] == s)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.1)
    solver.parameters.num_workers = workers
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return chosen
    better = {r: s for (r, s), var in x.items() if solver.value(var)}
    before = sum(chosen.values()) + 3 * idle_slots(instance, chosen)
    return better if sum(better.values()) + 3 * idle_slots(instance, better) <= before else chosen


def violations(instance: Instance, places: list[Place]) -> list[str]:
    """Everything wrong with a schedule (empty when it keeps every rule)."""
    problems = []
    seen_requests: set[int] = set()
    where: dict[tuple[str, int], int] = {}
    tables: dict[tuple[int, int], int] = {}
    for place in places:
        request = instance.requests[place.request]
        if place.request in seen_requests:
            problems.append(f"request {place.request} is placed twice")
        seen_requests.add(place.request)
        if not 0 <= place.slot < instance.slots or not 0 <= place.table < instance.tables:
            problems.append(f"request {place.request}: no slot {place.slot} or table {place.table}")
        for person in (request.a, request.b):
            if place.slot in instance.participants[person]:
                problems.append(f"{person} cannot attend slot {place.slot}")
            if (person, place.slot) in where:
                problems.append(f"{person} is in two places in slot {place.slot}")
            where[person, place.slot] = place.request
        if (place.slot, place.table) in tables:
            problems.append(f"table {place.table} is booked twice in slot {place.slot}")
        tables[place.slot, place.table] = place.request
        if request.interpreter and place.table >= instance.interpreter_tables:
            problems.append(f"request {place.request} needs an interpreter at table {place.table}")
    return problems
