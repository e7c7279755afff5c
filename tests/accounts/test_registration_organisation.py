from innochallenge.accounts.models import Organisation, User
from tests.factories.accounts import OrganisationFactory

FORM = {
    "role": "enterprise",
    "organisation_name": "苏州新材料科技有限公司",
    "username": "newcomer",
    "email": "newcomer@example.test",
    "password1": "a-long-enough-pass-42",
    "password2": "a-long-enough-pass-42",
    "privacy_consent": "on",
}


def test_registration_creates_its_own_organisation(db, client):
    response = client.post("/accounts/register/", FORM)

    assert response.status_code == 200
    user = User.objects.get(username="newcomer")
    assert (user.organisation.name, user.organisation.kind, user.is_active) == (
        "苏州新材料科技有限公司",
        "enterprise",
        False,
    )


def test_registration_never_joins_an_existing_organisation_by_name(db, client):
    existing = OrganisationFactory(kind="enterprise", name="苏州新材料科技有限公司")

    response = client.post("/accounts/register/", FORM)

    assert response.status_code == 200
    assert "organisation_name" in response.context["form"].errors
    assert not User.objects.filter(username="newcomer").exists()
    assert list(Organisation.objects.all()) == [existing]


def test_same_name_may_register_as_the_other_kind(db, client):
    OrganisationFactory(kind="enterprise", name="苏州新材料科技有限公司")

    client.post("/accounts/register/", FORM | {"role": "provider"})

    assert User.objects.get(username="newcomer").organisation.kind == "provider"
