"""Leading enterprises declared and confirmed on the pages; one district's window extended in the admin."""

import datetime as dt

from innochallenge.audit.models import AuditEntry
from innochallenge.demands.enums import LeadingStatus
from innochallenge.demands.models import LeadingEnterprise, WindowExtension


def test_enterprise_declares_and_its_liaison_confirms(hs2021, enterprise_user, liaison_of, client):
    client.force_login(enterprise_user)
    response = client.post("/demands/leading/declare/?campaign=hs2021", {"district": "xiangcheng"})
    assert response.status_code == 302
    declaration = LeadingEnterprise.objects.get()
    assert (declaration.organisation, declaration.status) == (
        enterprise_user.organisation,
        LeadingStatus.DECLARED,
    )

    # Another district's liaison may not decide; the enterprise's own liaison may.
    client.force_login(liaison_of("wuzhong"))
    assert (
        client.post(f"/demands/leading/{declaration.pk}/decide/", {"decision": "confirm"}).status_code == 403
    )
    liaison = liaison_of("xiangcheng")
    client.force_login(liaison)
    page = client.get("/demands/leading/?campaign=hs2021").content.decode()
    assert enterprise_user.organisation.name in page
    client.post(f"/demands/leading/{declaration.pk}/decide/", {"decision": "confirm"})
    declaration.refresh_from_db()
    assert (declaration.status, declaration.decided_by) == (LeadingStatus.CONFIRMED, liaison)
    assert AuditEntry.objects.filter(action="leading.confirmed", actor=liaison).exists()


def test_enterprises_cannot_confirm_themselves(hs2021, enterprise_user, client):
    client.force_login(enterprise_user)
    client.post("/demands/leading/declare/?campaign=hs2021", {"district": "xiangcheng"})
    declaration = LeadingEnterprise.objects.get()
    assert (
        client.post(f"/demands/leading/{declaration.pk}/decide/", {"decision": "confirm"}).status_code == 403
    )
    assert client.get("/demands/leading/").status_code == 403


def test_organiser_extends_one_districts_window_in_the_admin(hs2021, organiser, client):
    client.force_login(organiser)
    district = hs2021.districts.get(code="gusu")
    url = "/admin/demands/windowextension/add/"
    too_early = client.post(url, {"district": district.pk, "ends_on": "2021-05-15", "reason": "补录"})
    assert too_early.status_code == 200 and not WindowExtension.objects.exists()
    assert "2021" in too_early.content.decode()
    response = client.post(url, {"district": district.pk, "ends_on": "2021-05-31", "reason": "纸质表格晚到"})
    assert response.status_code == 302
    extension = WindowExtension.objects.get()
    assert (extension.district, extension.ends_on, extension.granted_by) == (
        district,
        dt.date(2021, 5, 31),
        organiser,
    )
    assert AuditEntry.objects.filter(action="collection.extended", actor=organiser).exists()
