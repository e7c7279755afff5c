import factory
from factory.django import DjangoModelFactory

from innochallenge.accounts.enums import ROLE_ORGANISATION_KIND, Role
from innochallenge.accounts.models import Organisation, User
from innochallenge.privacy.models import Consent
from innochallenge.privacy.notice import current_version

PASSWORD = "correct-horse-battery"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = "enterprise"
    name = factory.Sequence(lambda n: f"测试单位{n}")


def _organisation_for(user) -> Organisation | None:
    kind = ROLE_ORGANISATION_KIND.get(Role(user.role))
    return OrganisationFactory(kind=kind) if kind else None


class UserFactory(DjangoModelFactory):
    """A ready-to-log-in user of any role; pass district= for a liaison."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    role = Role.ENTERPRISE
    organisation = factory.LazyAttribute(_organisation_for)
    is_active = True
    email_verified = True
    is_staff = factory.LazyAttribute(lambda u: u.role == Role.ORGANISER)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    @factory.post_generation
    def consent(obj, create, extracted, **kwargs):
        """Has accepted the current privacy notice, unless made with consent=False."""
        if create and extracted is not False:
            Consent.objects.create(user=obj, notice_version=current_version(), context="registration")
