"""The demo edition: hs2021 moved in time so that collection is open today, one account per role,
a few sample demands and a solution to one of them."""

import datetime as dt

from django.db import transaction

from innochallenge.accounts.enums import OrganisationKind, Role
from innochallenge.accounts.models import Organisation, User
from innochallenge.accounts.services import create_staff_account
from innochallenge.campaigns import preset as presets
from innochallenge.campaigns.models import Campaign
from innochallenge.campaigns.services import load_preset, shifted_preset
from innochallenge.privacy import services as privacy
from innochallenge.privacy.enums import ConsentContext
from innochallenge.site.demo_authenticator import give_demo_authenticator
from innochallenge.site.demo_demands import add_sample_demands, review_samples
from innochallenge.site.demo_matching import add_sample_achievements
from innochallenge.site.demo_solutions import add_sample_solution

DEMO_SLUG = "demo"
DEMO_SOURCE = "hs2021"
DEMO_PASSWORD = "demo-2021-pass"  # documented in README.md; demo data only
DEMO_DISTRICT = "xiangcheng"
#: The authenticator key every demo account whose role signs in with two factors shares (base32, as typed
#: into an app); published in README.md, so the log-in page may show its current code. Demo data only.
DEMO_TOTP_SECRET = "INNOCHALLENGEDEMOTOTPKEYFORTESTS"

#: username, role, display name, organisation (kind, name) or None
DEMO_ACCOUNTS = [
    ("organiser", Role.ORGANISER, "苏州市生产力促进中心 演示管理员", None),
    ("liaison", Role.LIAISON, "相城区科技局 演示联络员", None),
    ("broker", Role.BROKER, "演示技术经纪人", (OrganisationKind.SERVICE, "相城区科技镇长团（演示）")),
    (
        "enterprise",
        Role.ENTERPRISE,
        "演示企业用户",
        (OrganisationKind.ENTERPRISE, "苏州示例精密机械有限公司"),
    ),
    ("provider", Role.PROVIDER, "演示方案提供方", (OrganisationKind.PROVIDER, "示例理工大学技术转移中心")),
    ("judge", Role.JUDGE, "演示评委", None),
]


@transaction.atomic
def set_up_demo(*, today: dt.date) -> Campaign:
    """Create or refresh the demo edition and its accounts. Safe to run at every start."""
    source = presets.read(DEMO_SOURCE)
    load_preset(source)
    demo = shifted_preset(source, slug=DEMO_SLUG, name_prefix=("演示 · ", "Demo · "), today=today)
    campaign = load_preset(demo).campaign
    district = campaign.districts.get(code=DEMO_DISTRICT)
    for username, role, display_name, org in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        organisation = None
        if org:
            organisation, _ = Organisation.objects.get_or_create(kind=org[0], name=org[1])
        person = create_staff_account(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            by=None,
            email=f"{username}@demo.invalid",
            first_name=display_name,
            district=district if role == Role.LIAISON else None,
            organisation=organisation,
        )
        # The demo's people have accepted the privacy notice, so signing in goes straight to their page.
        privacy.record_consent(user=person, context=ConsentContext.REGISTRATION)
    for username, *_rest in DEMO_ACCOUNTS:
        give_demo_authenticator(User.objects.get(username=username))
    organiser = User.objects.get(username="organiser")
    add_sample_demands(campaign, organiser)
    review_samples(campaign, organiser, User.objects.get(username="broker"), today)
    provider = User.objects.get(username="provider")
    add_sample_achievements(organiser, provider)
    add_sample_solution(campaign, provider, organiser)
    return campaign
