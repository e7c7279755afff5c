"""Types the API's paths and filters share."""

from typing import Annotated

from ninja import Field

#: The largest id a row can have (a signed 64-bit integer). A larger one, in a path or a filter, is refused
#: with a 422 that says so, instead of overflowing inside the database driver (a 500 on SQLite and
#: PostgreSQL alike: Django bounds a plain `pk=` lookup, not `demand_id=` through a foreign key).
MAX_ROW_ID = 2**63 - 1

#: A row's id as a path parameter or a filter.
RowId = Annotated[int, Field(ge=1, le=MAX_ROW_ID)]
