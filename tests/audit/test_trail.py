"""The audit trail is append-only, records who, what, before/after and from where, and is for organisers."""

import pytest

from innochallenge.audit.models import AuditEntry
from innochallenge.demands import services


@pytest.fixture
def entry(hs2021, organiser, form_values):
    services.create_demand(hs2021, form_values, by=organiser)
    return AuditEntry.objects.get(action="demand.created")


def test_entries_can_be_neither_changed_nor_deleted(entry):
    entry.note = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(note="rewritten")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


def test_a_change_through_a_page_records_actor_fields_and_address(
    hs2021, enterprise_user, client, form_values
):
    demand = services.create_demand(hs2021, form_values, by=enterprise_user)
    client.force_login(enterprise_user)
    client.post(
        f"/demands/{demand.pk}/edit/",
        {**{k: v for k, v in form_values.items() if v}, "budget_wan": "180", "draft": "1"},
        REMOTE_ADDR="10.8.0.17",
    )
    entry = AuditEntry.objects.get(action="demand.updated")
    assert (entry.actor, entry.client_address) == (enterprise_user, "10.8.0.17")
    assert entry.changes == {"budget_wan": ["150", "180"]}
    assert entry.object_id == str(demand.pk) and entry.object_type == "demands.demand"


def test_the_trail_is_browsable_by_organisers_only(entry, organiser, enterprise_user, client):
    client.force_login(organiser)
    assert client.get("/admin/audit/auditentry/").status_code == 200
    client.force_login(enterprise_user)
    assert client.get("/admin/audit/auditentry/").status_code == 403


def test_a_user_changed_in_the_admin_is_audited_without_the_password(organiser, client):
    from tests.factories.accounts import UserFactory

    user = UserFactory(first_name="旧名字")
    client.force_login(organiser)
    page = client.get(f"/admin/accounts/user/{user.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | tuple)}
    data |= {"first_name": "新名字", "date_joined_0": "2026-11-25", "date_joined_1": "10:00:00"}
    for inline in page.context["inline_admin_formsets"]:  # the user's consents, shown read-only
        formset = inline.formset
        data |= {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
        data |= {f"{formset.prefix}-{i}-id": f.instance.pk for i, f in enumerate(formset.initial_forms)}
    client.post(f"/admin/accounts/user/{user.pk}/change/", data)
    entry = AuditEntry.objects.filter(action="admin.changed", object_id=str(user.pk)).last()
    assert entry is not None
    assert entry.changes.get("first_name") == ["旧名字", "新名字"]
    assert "password" not in str(entry.changes) and user.password not in str(entry.changes)
