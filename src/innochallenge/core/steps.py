"""A step's permission, in two parts: `<name>` is the whole answer — the user's role for this object and
the object's state now — so a page shows a button exactly when the step would succeed; `<name>.role` is
the role alone, which a handler checks for its 403 before the service refuses a state that forbids the
step with a message (409 in the API), as when two people act on one demand at once."""

import rules
from rules.predicates import Predicate


def add_step(name: str, who: Predicate, when: Predicate) -> None:
    rules.add_perm(name, who & when)
    rules.add_perm(f"{name}.role", who)
