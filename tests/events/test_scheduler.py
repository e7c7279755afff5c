"""The meeting scheduler, for any event: nobody in two places, availability and tables respected, never
fewer meetings than first come first served, at least its value, few moves after a cancellation."""

import json

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from innochallenge.events import scheduler
from innochallenge.events.instance import Instance, InstanceError, Request, generate


@st.composite
def events(draw):
    slots = draw(st.integers(1, 5))
    tables = draw(st.integers(1, 4))
    people = [f"u{i}" for i in range(draw(st.integers(2, 9)))]
    unavailable = {p: frozenset(draw(st.sets(st.integers(0, slots - 1), max_size=slots))) for p in people}
    pairs = st.tuples(st.sampled_from(people), st.sampled_from(people)).filter(lambda ab: ab[0] != ab[1])
    raw = draw(st.lists(st.tuples(pairs, st.integers(1, 3), st.booleans()), max_size=25))
    interpreter_tables = draw(st.integers(0, tables))
    requests = [Request(a, b, priority, interp) for (a, b), priority, interp in raw]
    return Instance(slots, tables, unavailable, requests, interpreter_tables)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_any_event_gets_a_schedule_that_keeps_every_rule(instance):
    baseline = scheduler.greedy(instance)
    result = scheduler.solve(instance, time_limit=5)
    assert scheduler.violations(instance, result.places) == []
    assert scheduler.violations(instance, scheduler.tables_for(instance, baseline)) == []
    assert result.scheduled >= len(baseline)
    assert result.value >= scheduler.value_of(instance, baseline)
    assert result.value <= result.upper_bound + 1e-6


def test_the_rule_checker_catches_each_kind_of_fault():
    instance = Instance(
        2,
        1,
        {"a": frozenset({1}), "b": frozenset(), "c": frozenset()},
        [Request("a", "b", 3), Request("a", "c", 2, interpreter=True), Request("b", "c", 1)],
    )
    places = [scheduler.Place(0, 1, 0), scheduler.Place(1, 0, 0), scheduler.Place(2, 0, 0)]
    problems = " | ".join(scheduler.violations(instance, places))
    assert "a cannot attend slot 1" in problems
    assert "c is in two places in slot 0" in problems
    assert "table 0 is booked twice in slot 0" in problems
    assert "needs an interpreter" in problems


def test_must_meet_requests_come_first_where_first_come_fails_them():
    # Two slots, one table: the first two requests (nice to meet) would take both places first come.
    people = {p: frozenset() for p in "abcdef"}
    requests = [Request("a", "b", 1), Request("c", "d", 1), Request("e", "f", 3), Request("a", "f", 3)]
    instance = Instance(2, 1, people, requests)
    assert sorted(scheduler.greedy(instance)) == [0, 1]
    result = scheduler.solve(instance, time_limit=5)
    assert {p.request for p in result.places} == {2, 3} and result.value == 20 and result.optimal


def test_a_cancellation_moves_no_other_meeting():
    instance = generate(40, 150, 6, 8, seed=5)
    first = scheduler.solve(instance, time_limit=5)
    cancelled = first.places[0].request
    remaining = [r for i, r in enumerate(instance.requests) if i != cancelled]
    shifted = Instance(instance.slots, instance.tables, instance.participants, remaining)
    previous = {(p.request - (p.request > cancelled)): p.slot for p in first.places if p.request != cancelled}
    second = scheduler.solve(shifted, time_limit=5, previous=previous)
    assert scheduler.violations(shifted, second.places) == []
    moved = [p for p in second.places if p.request in previous and previous[p.request] != p.slot]
    assert moved == [] or second.value > first.value - instance.weight(instance.requests[cancelled])
    assert second.value >= first.value - instance.weight(instance.requests[cancelled])


def test_generated_events_are_reproducible_and_skewed():
    one, two = generate(100, 400, 8, 20, seed=9), generate(100, 400, 8, 20, seed=9)
    assert one.to_json() == two.to_json()
    asked = {}
    for r in one.requests:
        provider = r.a if r.a.startswith("p") else r.b
        asked[provider] = asked.get(provider, 0) + 1
    counts = sorted(asked.values(), reverse=True)
    assert counts[0] >= 5 * counts[len(counts) // 2]  # a few providers are asked far more
    assert {r.priority for r in one.requests} == {1, 2, 3}


def test_bench_schedule_prints_the_promised_line_and_dumps(tmp_path, capsys):
    call_command(
        "bench_schedule",
        "--participants",
        "30",
        "--requests",
        "80",
        "--slots",
        "5",
        "--tables",
        "4",
        "--seed",
        "2",
        "--time-limit",
        "5",
        "--dump",
        str(tmp_path),
        "--json",
    )
    line = json.loads(capsys.readouterr().out)
    assert set(line) == {"scheduled", "value", "upper_bound", "greedy_scheduled", "greedy_value", "seconds"}
    assert line["scheduled"] >= line["greedy_scheduled"] and line["value"] >= line["greedy_value"]
    instance = Instance.read(tmp_path / "instance.json")
    schedule = json.loads((tmp_path / "schedule.json").read_text())
    places = [scheduler.Place(p["request"], p["slot"], p["table"]) for p in schedule]
    assert len(places) == line["scheduled"] and scheduler.violations(instance, places) == []
    call_command("bench_schedule", "--instance", str(tmp_path / "instance.json"), "--time-limit", "5")
    assert json.loads(capsys.readouterr().out)["value"] == line["value"]


def test_a_bad_instance_is_named(tmp_path):
    bad = tmp_path / "instance.json"
    bad.write_text(
        json.dumps(
            {
                "slots": 2,
                "tables": 1,
                "participants": [{"id": "a"}],
                "requests": [{"a": "a", "b": "z", "priority": 3}],
            }
        )
    )
    with pytest.raises(CommandError, match=r"requests\.0: unknown participant z"):
        call_command("bench_schedule", "--instance", str(bad))
    with pytest.raises(InstanceError):
        Instance.from_json({"slots": 0, "tables": 1, "participants": [], "requests": []})


def test_a_single_meeting_takes_the_first_slot_of_the_day():
    # Issue 17: one accepted meeting was placed in the last slot (11:05), not the first.
    instance = Instance(8, 4, {"a": frozenset(), "b": frozenset({0})}, [Request("a", "b", 2)])
    result = scheduler.solve(instance, time_limit=2)
    assert [(p.request, p.slot) for p in result.places] == [(0, 1)]  # b cannot attend slot 0


def test_agendas_are_compact_and_early_among_equally_valuable_plans():
    people = {p: frozenset() for p in "pabcd"}
    requests = [Request("p", "a", 3), Request("p", "b", 3), Request("p", "c", 1), Request("c", "d", 2)]
    instance = Instance(6, 2, people, requests)
    result = scheduler.solve(instance, time_limit=2)
    slots = {p.request: p.slot for p in result.places}
    assert len(slots) == 4 and result.value == scheduler.value_of(instance, scheduler.greedy(instance))
    assert scheduler.idle_slots(instance, slots) == 0
    assert sorted(slots[r] for r in (0, 1, 2)) == [0, 1, 2]  # p meets three people in a row from the start


def test_compacting_keeps_the_meetings_and_the_kept_places():
    instance = generate(40, 150, 6, 8, seed=5)
    chosen = {p.request: p.slot for p in scheduler.solve(instance, time_limit=3).places}
    keep = dict(list(chosen.items())[:10])
    compacted = scheduler.compact(instance, chosen, keep=keep, time_limit=2)
    assert set(compacted) == set(chosen) and all(compacted[r] == s for r, s in keep.items())
    assert scheduler.violations(instance, scheduler.tables_for(instance, compacted)) == []
    assert sum(compacted.values()) + 3 * scheduler.idle_slots(instance, compacted) <= sum(
        chosen.values()
    ) + 3 * scheduler.idle_slots(instance, chosen)
