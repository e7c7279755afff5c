"""The API's page-number pagination, with the page number bounded: an offset past what the database's
integers hold (page=10**30) would otherwise be a 500 on SQLite and PostgreSQL alike."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

#: No list of ours comes near a million pages; a higher number is refused with a 422.
MAX_PAGE = 1_000_000


class Pagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)
