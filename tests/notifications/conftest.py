from tests.matching.conftest import library_of  # noqa: F401  (fixtures)
from tests.solutions.conftest import published, world  # noqa: F401
