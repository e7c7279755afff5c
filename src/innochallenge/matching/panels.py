"""The matching's panel of the demand page (demands/panels.py): the way to the demand's matches."""


def matches(request, demand) -> dict:
    return {"can_see_matches": request.user.has_perm("matching.view_matches", demand)}
