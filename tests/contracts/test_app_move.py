"""The contracts and subsidies moved from the awards app into their own: an installation migrated before
the move keeps every contract, payment and subsidy, their content types follow them, and audit entries
sealed under the old label (`awards.contract`) still belong to the contract. Migrating back (to awards
0002) and forward again over real rows checks both directions."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from innochallenge.audit import services as audit
from innochallenge.audit.models import AuditEntry
from innochallenge.contracts import services
from innochallenge.contracts.models import Contract, Payment
from tests.contracts.conftest import SIGNED_ON

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("migrations")]

BEFORE = [("awards", "0002_winner"), ("contracts", None)]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


def test_rows_survive_the_move_both_ways(contract, world):
    services.add_payment(contract, amount_yuan="500000", paid_on=SIGNED_ON, by=world.organiser)
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        before = _migrate(BEFORE)
        assert {"awards_contract", "awards_payment"} <= _tables()
        assert "contracts_contract" not in _tables()
        assert ContentType.objects.filter(app_label="awards", model="contract").exists()
        old = before.get_model("awards", "Contract").objects.get()
        assert old.number == "2021-JS-0001"
        sealed_before = audit.record(actor=None, action="contract.changed", obj=old, note="before the move")
        assert sealed_before.object_type == "awards.contract"
    finally:
        _migrate(leaf)
    assert "awards_contract" not in _tables()
    moved = Contract.objects.get()
    assert (moved.number, moved.signed_on) == ("2021-JS-0001", SIGNED_ON)
    assert Payment.objects.get().contract == moved
    assert ContentType.objects.get_for_model(Contract).app_label == "contracts"
    assert not ContentType.objects.filter(app_label="awards", model="contract").exists()
    history = AuditEntry.objects.for_object(moved)
    assert sealed_before.pk in set(history.values_list("pk", flat=True))
    assert history.filter(object_type="contracts.contract").exists()  # its registration, under today's label
    _count, broken = audit.verify_chain()
    assert broken is None
