import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innochallenge.demands import services as demands
from innochallenge.diagnosis import services as diagnosis
from innochallenge.publication import services as publication
from innochallenge.solutions import services
from tests.factories.accounts import UserFactory

IN_WINDOW = dt.date(2021, 5, 10)
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

PROFILE = {
    "name": "",
    "name_en": "Fraunhofer-style Institute for Films",
    "provider_type": "institute",
    "country": "DE",
    "expertise": "polymer films\nthermal stability",
    "keywords": "polyimide, shrinkage",
    "website": "",
    "contact_name": "Anna Weber",
    "contact_email": "anna.weber@institute.example",
    "contact_phone": "+49 89 1234567",
}
SOLUTION = {
    "title": "Cross-linked polyimide film",
    "summary": "A cross-linked polyimide that keeps its shape at 150 °C.",
    "approach": "Thermal imidisation with a cross-linker; roll-to-roll casting.",
    "indicators": "Shrinkage 0.05% at 150 °C (target 0.1%); thickness 25 µm.",
    "timeline": "Six months to samples, twelve to a pilot line.",
    "cost_wan": "120",
    "cooperation_mode": "",
    "team": "Dr. Weber and four engineers.",
    "ip_status": "patent_granted",
    "ip_note": "EP 1234567",
}


def pdf(name="plan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def published(hs2021, organiser, broker, form_values):
    owner = UserFactory(role="enterprise")
    demand = demands.create_demand(hs2021, form_values, by=owner, submit=True, today=IN_WINDOW)
    diagnosis.assign(demand, broker, due_on=dt.date(2021, 5, 18), by=organiser)
    diagnosis.diagnose(demand, decision="approve", by=broker)
    publication.publish(demand, by=broker)
    demand.refresh_from_db()
    demand.owner = owner
    return demand


def make_provider(organiser, *, verified=True, **profile):
    if profile.get("name") and "name_en" not in profile:
        profile["name_en"] = ""  # a provider named in Chinese does not also take the default English name
    user = UserFactory(role="provider")
    saved = services.save_profile(user.organisation, PROFILE | profile, by=user)
    if verified:
        services.review_provider(saved, verified=True, by=organiser)
    return user


def solution_values(demand) -> dict:
    return SOLUTION | {"cooperation_mode": demand.campaign.cooperation_modes.get(code="joint-development").pk}


@dataclass
class World:
    demand: object
    organiser: object
    broker: object
    owner: object
    provider: object
    solution: object
    rival: object
    rival_solution: object
    unverified: object
    users: dict


@pytest.fixture
def world(published, organiser, broker, liaison_of) -> World:
    provider = make_provider(organiser)
    solution = services.create_solution(
        published, provider.organisation, solution_values(published), by=provider
    )
    services.add_attachment(solution, pdf(), by=provider)
    services.submit_solution(solution, by=provider)
    rival = make_provider(organiser, name_en="Rival Lab", contact_email="rival@lab.example")
    rival_solution = services.create_solution(
        published, rival.organisation, solution_values(published) | {"title": "Rival film"}, by=rival
    )
    services.submit_solution(rival_solution, by=rival)
    unverified = make_provider(organiser, verified=False, name_en="New Lab", contact_email="new@lab.example")
    users = {
        "anonymous": None,
        "organiser": organiser,
        "liaison": liaison_of("xiangcheng"),
        "broker of the demand": broker,
        "another broker": UserFactory(role="broker"),
        "the enterprise": published.owner,
        "another enterprise": UserFactory(role="enterprise"),
        "the provider": provider,
        "another provider": rival,
        "unverified provider": unverified,
        "judge": UserFactory(role="judge"),
    }
    return World(
        published,
        organiser,
        broker,
        published.owner,
        provider,
        solution,
        rival,
        rival_solution,
        unverified,
        users,
    )


def docx_bytes(parts: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.fixture
def api_client_of():
    from tests.demands.conftest import api_client

    return api_client
