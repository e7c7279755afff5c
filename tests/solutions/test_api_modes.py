"""The API reads a cooperation mode by its code in both directions and on every call: starting a solution
(POST) took only the row id while changing one (PATCH) took the code (issue 19)."""

import pytest

from tests.demands.conftest import api_client
from tests.solutions.conftest import SOLUTION

pytestmark = pytest.mark.django_db


def test_a_solution_starts_and_changes_with_a_modes_code(world):
    client = api_client(world.rival)
    created = client.post(
        f"/api/v1/demands/{world.demand.pk}/solutions",
        SOLUTION | {"title": "Rival film, second try", "cooperation_mode": "joint-development"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["cooperation_mode"] == "joint-development"

    changed = client.patch(
        f"/api/v1/solutions/{created.json()['id']}",
        {"cooperation_mode": "transfer"},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["cooperation_mode"] == "transfer"


def test_an_unknown_code_is_a_field_error(world):
    response = api_client(world.rival).post(
        f"/api/v1/demands/{world.demand.pk}/solutions",
        SOLUTION | {"title": "Rival film, third try", "cooperation_mode": "barter"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "cooperation_mode" in response.json()["errors"]
