"""Who sits at which table: a documented local-search heuristic, pure Python, no database.

Why not a solver library: OR-Tools CP-SAT would need a 30 MB wheel on every venue laptop and in CI, for a
problem of some fifty people that a seeded local search solves to the counting bound in a fraction of a
second (see docs/architecture.md and the note of issue 14 for the figures it reaches).

The method, for each round:
1. place the people who stay (a facilitator keeps their table), then everyone else greedily, each at the
   table where they cost least, keeping table sizes within one of each other;
2. improve by swapping two movable people at different tables (sizes never change), accepting a swap that
   makes the cost no worse and, with a falling probability, one that makes it worse (simulated annealing),
   from a fixed seed so the same room gives the same plan; keep the best plan seen.

The cost, smallest best, in order of weight: pairs at one table who have already sat together (so the
number of new pairs is as large as it can be), pairs from one organisation at one table, and how far each
table's mix of perspectives is from the room's.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

REPEAT_WEIGHT = 100.0
ORGANISATION_WEIGHT = 20.0
BALANCE_WEIGHT = 10.0
STEPS_PER_PERSON = 400


@dataclass(frozen=True)
class Seatable:
    """One person as the solver sees them: an id, their side, their organisation, whether they stay put."""

    key: int
    perspective: Hashable | None = None
    organisation: str = ""
    stays_at: int | None = None  # the table they keep, when they are marked as staying


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def pairs_of(tables: dict[int, list[int]]) -> set[tuple[int, int]]:
    """Every pair of people sitting at one table."""
    found: set[tuple[int, int]] = set()
    for seated in tables.values():
        for i, a in enumerate(seated):
            for b in seated[i + 1 :]:
                found.add(pair(a, b))
    return found


def table_sizes(count: int, table_ids: Sequence[int]) -> dict[int, int]:
    """Table sizes within one of each other, the first tables taking the extra people."""
    base, extra = divmod(count, len(table_ids))
    return {table: base + (1 if index < extra else 0) for index, table in enumerate(table_ids)}


@dataclass
class _Plan:
    people: dict[int, Seatable]
    table_of: dict[int, int]
    met: set[tuple[int, int]]
    shares: dict[Hashable, float]  # each perspective's share of the room
    members: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.members = {}
        for person, table in self.table_of.items():
            self.members.setdefault(table, []).append(person)

    def _person_cost_at(self, person: int, others: Iterable[int]) -> float:
        me = self.people[person]
        cost = 0.0
        for other in others:
            if other == person:
                continue
            if pair(person, other) in self.met:
                cost += REPEAT_WEIGHT
            if me.organisation and me.organisation == self.people[other].organisation:
                cost += ORGANISATION_WEIGHT
        return cost

    def _balance(self, seated: Iterable[int]) -> float:
        counts = Counter(self.people[p].perspective for p in seated)
        size = sum(counts.values())
        return BALANCE_WEIGHT * sum((counts.get(k, 0) - share * size) ** 2 for k, share in self.shares.items())

    def total(self) -> float:
        cost = sum(self._balance(seated) for seated in self.members.values())
        for seated in self.members.values():
            for i, a in enumerate(seated):
                cost += self._person_cost_at(a, seated[i + 1 :])
        return cost

    def swap_delta(self, a: int, b: int) -> float:
        table_a, table_b = self.table_of[a], self.table_of[b]
        rest_a = [p for p in self.members[table_a] if p != a]
        rest_b = [p for p in self.members[table_b] if p != b]
        pairs = (
            self._person_cost_at(b, rest_a)
            + self._person_cost_at(a, rest_b)
            - self._person_cost_at(a, rest_a)
            - self._person_cost_at(b, rest_b)
        )
        if self.people[a].perspective == self.people[b].perspective:
            return pairs
        before = self._balance(self.members[table_a]) + self._balance(self.members[table_b])
        after = self._balance([*rest_a, b]) + self._balance([*rest_b, a])
        return pairs + after - before

    def swap(self, a: int, b: int) -> None:
        table_a, table_b = self.table_of[a], self.table_of[b]
        self.members[table_a][self.members[table_a].index(a)] = b
        self.members[table_b][self.members[table_b].index(b)] = a
        self.table_of[a], self.table_of[b] = table_b, table_a


def _shares(people: Sequence[Seatable]) -> dict[Hashable, float]:
    counts = Counter(person.perspective for person in people)
    return {key: count / len(people) for key, count in counts.items()}


def seat(
    people: Sequence[Seatable],
    table_ids: Sequence[int],
    met: set[tuple[int, int]] | None = None,
    *,
    seed: int = 0,
) -> dict[int, int]:
    """A plan {person key: table id} for one round, given the pairs who have already met (none for round 1)."""
    if not table_ids:
        raise ValueError("no tables to seat people at")
    if not people:
        return {}
    met = met or set()
    sizes = table_sizes(len(people), table_ids)
    rng = random.Random(seed)
    by_key = {person.key: person for person in people}
    table_of: dict[int, int] = {}
    room = dict(sizes)
    for person in people:
        if person.stays_at in room:
            table_of[person.key] = person.stays_at
            room[person.stays_at] -= 1
    # A table with more staying people than seats grows; the others shrink to keep everyone seated.
    overflow = -sum(min(0, left) for left in room.values())
    for table in sorted(room, key=lambda t: -room[t]):
        if overflow and room[table] > 0:
            taken = min(overflow, room[table])
            room[table] -= taken
            overflow -= taken
    plan = _Plan(by_key, {}, met, _shares(people))
    movable = [person.key for person in people if person.key not in table_of]
    rng.shuffle(movable)
    for key, table in table_of.items():
        plan.table_of[key] = table
        plan.members.setdefault(table, []).append(key)
    for key in movable:
        open_tables = [t for t in table_ids if room[t] > 0]
        best = min(
            open_tables,
            key=lambda t: (
                plan._person_cost_at(key, plan.members.get(t, []))
                + plan._balance([*plan.members.get(t, []), key])
                - plan._balance(plan.members.get(t, [])),
                -room[t],
            ),
        )
        plan.table_of[key] = best
        plan.members.setdefault(best, []).append(key)
        room[best] -= 1
    for table in table_ids:
        plan.members.setdefault(table, [])
    return _improve(plan, movable, rng)


def _improve(plan: _Plan, movable: list[int], rng: random.Random) -> dict[int, int]:
    if len(movable) < 2:
        return dict(plan.table_of)
    steps = STEPS_PER_PERSON * len(movable)
    temperature_start, temperature_end = 40.0, 0.05
    cost = plan.total()
    best_cost, best = cost, dict(plan.table_of)
    for step in range(steps):
        a, b = rng.sample(movable, 2)
        if plan.table_of[a] == plan.table_of[b]:
            continue
        delta = plan.swap_delta(a, b)
        temperature = temperature_start * (temperature_end / temperature_start) ** (step / steps)
        if delta <= 0 or rng.random() < math.exp(-delta / temperature):
            plan.swap(a, b)
            cost += delta
            if cost < best_cost - 1e-9:
                best_cost, best = cost, dict(plan.table_of)
    return best


def place_late_arrival(
    person: Seatable,
    current: dict[int, int],
    people: dict[int, Seatable],
    table_ids: Sequence[int],
    met: set[tuple[int, int]],
) -> int:
    """The table for someone who arrives mid-round, leaving everyone else where they are: the smallest
    tables first, then the fewest people already met, the same organisation, the most even mix."""
    members: dict[int, list[int]] = {table: [] for table in table_ids}
    for key, table in current.items():
        if table in members:
            members[table].append(key)
    everyone = {**people, person.key: person}
    plan = _Plan(everyone, dict(current), met, _shares(list(everyone.values())))
    smallest = min(len(seated) for seated in members.values())

    def cost(table: int) -> tuple[float, int]:
        seated = members[table]
        added = plan._person_cost_at(person.key, seated) + plan._balance([*seated, person.key]) - plan._balance(seated)
        return (added, table_ids.index(table))

    if person.stays_at in members:
        return person.stays_at
    return min((t for t in table_ids if len(members[t]) == smallest), key=cost)


def new_pairs(rounds: Sequence[dict[int, int]]) -> int:
    """How many different pairs of people have sat at one table in any of the rounds."""
    met: set[tuple[int, int]] = set()
    for plan in rounds:
        tables: dict[int, list[int]] = {}
        for person, table in plan.items():
            tables.setdefault(table, []).append(person)
        met |= pairs_of(tables)
    return len(met)


def pair_bound(count: int, table_count: int, round_count: int) -> int:
    """An upper bound on new_pairs: round 1 meets every pair at its tables; in every later round a table of
    s people drawn from t earlier tables (s > t) holds at least the pigeonhole's repeats, sum C(n_i, 2)
    with the n_i spread as evenly as possible over the t tables, and those pairs are not new."""
    sizes = list(table_sizes(count, list(range(table_count))).values())
    per_round = sum(size * (size - 1) // 2 for size in sizes)
    repeats = 0
    for size in sizes:
        base, extra = divmod(size, table_count)
        repeats += extra * (base + 1) * base // 2 + (table_count - extra) * base * (base - 1) // 2
    later = max(0, per_round - repeats)
    return min(count * (count - 1) // 2, per_round + (round_count - 1) * later)
