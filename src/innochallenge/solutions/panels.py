"""The solutions' panel of the demand page (demands/panels.py): how many solutions a public demand has."""

from innochallenge.solutions.queries import solution_count


def solutions(request, demand) -> dict:
    return {"solutions_count": solution_count(demand, request.user)}
