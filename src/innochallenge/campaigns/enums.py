from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """The stages of a challenge (SPEC §4); each campaign gives each one a date window."""

    COLLECTION = "collection", _("Demand collection")
    DIAGNOSIS = "diagnosis", _("Diagnosis")
    PUBLICATION = "publication", _("Publication")
    SOLUTION_COLLECTION = "solution_collection", _("Solution collection")
    SPECIAL_COMPETITION = "special_competition", _("Special competition")
    FINAL = "final", _("Live final")
    CEREMONY = "ceremony", _("Award ceremony")


class OrganiserRole(models.TextChoices):
    HOST = "host", _("Host")
    UNDERTAKER = "undertaker", _("Undertaker")
    CO_ORGANISER = "co_organiser", _("Co-organiser")


class AwardBasis(models.TextChoices):
    """Who an award goes to, so nominations can be drawn from the data."""

    SOLUTION = "solution", _("Best solution of a finalist demand")
    LEADING_ENTERPRISE = "leading_enterprise", _("Leading enterprise among the finalists")
    OPEN_ENTERPRISE = "open_enterprise", _("Open-innovation enterprise among the finalists")
    ORGANISING_UNIT = "organising_unit", _("Organising unit")
    SERVICE_TEAM = "service_team", _("Service team")
    BROKER = "broker", _("Technology broker")


class EventKind(models.TextChoices):
    REGIONAL = "regional", _("Regional session")
    INDUSTRY = "industry", _("Industry session")
