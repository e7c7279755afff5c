from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ORGANISER = "organiser", _("Organiser admin")
    LIAISON = "liaison", _("District liaison")
    BROKER = "broker", _("Service team / technology broker")
    ENTERPRISE = "enterprise", _("Enterprise user")
    PROVIDER = "provider", _("Solution provider")
    JUDGE = "judge", _("Judge / expert")


#: Roles that work for the organiser and may see internal pages.
STAFF_ROLES = frozenset({Role.ORGANISER, Role.LIAISON, Role.BROKER})
#: Roles anyone may take by registering themselves (with e-mail verification).
SELF_SERVICE_ROLES = frozenset({Role.ENTERPRISE, Role.PROVIDER})


class OrganisationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise or institution")
    PROVIDER = "provider", _("Solution provider")
    SERVICE = "service", _("Service organisation")


#: Which organisation kind a role is bound to.
ROLE_ORGANISATION_KIND = {
    Role.ENTERPRISE: OrganisationKind.ENTERPRISE,
    Role.PROVIDER: OrganisationKind.PROVIDER,
    Role.BROKER: OrganisationKind.SERVICE,
}
