"""A matchmaking event as the scheduler sees it, read from and written to `instance.json`:

    {"slots": S, "tables": T, "interpreter_tables": K,
     "participants": [{"id": "p1", "unavailable": [slot, …]}, …],
     "requests": [{"a": "p1", "b": "p2", "priority": 3, "interpreter": false}, …]}

priority 3 = must meet, 2 = should meet, 1 = nice to meet; requests are in the order they were accepted
(first come, first served is the baseline). `interpreter_tables` (the first K tables) and `interpreter`
may be left out. A schedule is `[{"request": index, "slot": s, "table": t}, …]`."""

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

DEFAULT_WEIGHTS = {3: 10, 2: 3, 1: 1}


class InstanceError(ValueError):
    """An instance file that cannot be scheduled; the message says what is wrong and where."""


@dataclass(frozen=True)
class Request:
    a: str
    b: str
    priority: int
    interpreter: bool = False


@dataclass
class Instance:
    slots: int
    tables: int
    participants: dict[str, frozenset[int]]  # id → slots they cannot attend
    requests: list[Request]
    interpreter_tables: int = 0
    weights: dict[int, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    def weight(self, request: Request) -> int:
        return self.weights.get(request.priority, 1)

    def free_slots(self, request: Request) -> list[int]:
        blocked = self.participants[request.a] | self.participants[request.b]
        return [s for s in range(self.slots) if s not in blocked]

    def to_json(self) -> dict:
        return {
            "slots": self.slots,
            "tables": self.tables,
            "interpreter_tables": self.interpreter_tables,
            "participants": [{"id": p, "unavailable": sorted(u)} for p, u in self.participants.items()],
            "requests": [
                {"a": r.a, "b": r.b, "priority": r.priority, "interpreter": r.interpreter}
                for r in self.requests
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Instance":
        try:
            slots, tables = int(data["slots"]), int(data["tables"])
            participants = {
                str(p["id"]): frozenset(int(s) for s in p.get("unavailable", []))
                for p in data["participants"]
            }
            requests = [
                Request(
                    str(r["a"]), str(r["b"]), int(r.get("priority", 1)), bool(r.get("interpreter", False))
                )
                for r in data["requests"]
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise InstanceError(f"not an instance: {exc!r}") from exc
        if slots < 1 or tables < 1:
            raise InstanceError("slots and tables must be at least 1")
        for i, r in enumerate(requests):
            if r.a not in participants or r.b not in participants:
                raise InstanceError(
                    f"requests.{i}: unknown participant {r.a if r.a not in participants else r.b}"
                )
            if r.a == r.b:
                raise InstanceError(f"requests.{i}: a participant cannot meet itself")
            if r.priority not in (1, 2, 3):
                raise InstanceError(f"requests.{i}: priority must be 1, 2 or 3")
        return cls(slots, tables, participants, requests, int(data.get("interpreter_tables", 0)))

    @classmethod
    def read(cls, path: Path) -> "Instance":
        try:
            return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as exc:
            raise InstanceError(f"{path}: {exc}") from exc


def generate(participants: int, requests: int, slots: int, tables: int, seed: int = 1) -> Instance:
    """A reproducible event like the real ones: about one enterprise to four providers; enterprises ask
    for the popular providers far more (Zipf); each participant misses a few slots; priorities 1–3."""
    rng = np.random.default_rng(seed)
    enterprises = [f"e{i}" for i in range(max(1, participants // 5))]
    providers = [f"p{i}" for i in range(max(1, participants - len(enterprises)))]
    people = enterprises + providers
    unavailable = {
        p: frozenset(
            int(s) for s in rng.choice(slots, size=rng.integers(0, max(1, slots // 4) + 1), replace=False)
        )
        for p in people
    }
    popularity = 1 / np.arange(1, len(providers) + 1) ** 0.9
    popularity /= popularity.sum()
    chosen: set[tuple[str, str]] = set()
    out: list[Request] = []
    tries = 0
    while len(out) < requests and tries < requests * 50:
        tries += 1
        e = enterprises[int(rng.integers(len(enterprises)))]
        p = providers[int(rng.choice(len(providers), p=popularity))]
        if (e, p) in chosen:
            continue
        chosen.add((e, p))
        priority = int(rng.choice([3, 2, 1], p=[0.25, 0.35, 0.40]))
        a, b = (e, p) if rng.random() < 0.5 else (p, e)  # either side may have asked
        out.append(Request(a, b, priority))
    return Instance(slots, tables, unavailable, out)
