import rules

from innochallenge.accounts.rules import is_liaison, is_organiser


@rules.predicate
def is_liaison_of_district(user, district) -> bool:
    """The user is the liaison officer bound to this district."""
    return bool(district is not None and is_liaison(user) and user.district_id == district.pk)


can_manage_district_liaison = is_organiser | is_liaison_of_district

# Our own pages: the object is a District.
rules.add_perm("campaigns.manage_district_liaison", can_manage_district_liaison)
rules.add_perm("campaigns.view_liaison_overview", is_organiser | is_liaison)
rules.add_perm("campaigns.load_preset", is_organiser)

# The admin: organisers configure every part of a campaign.
for model in (
    "campaign",
    "organiser",
    "stagewindow",
    "district",
    "industryfield",
    "salesbracket",
    "cooperationmode",
    "awardcategory",
    "eventnametemplate",
    "liaison",
):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"campaigns.{action}_{model}", is_organiser)
