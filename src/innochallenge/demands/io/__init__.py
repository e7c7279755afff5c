"""Reading and writing the official demand form as files: Word (.docx) and sheets (.xlsx, .csv).

Readers give *raw demands*: dicts keyed by the API's field names holding the text as found (the budget
with its unit, choices by their canonical Chinese name), for `demands.validation.DemandForm` to judge.
Nothing here touches the database.
"""

RawDemand = dict[str, "str | list[str]"]


class FormFileError(Exception):
    """A file that cannot be read as a demand form or sheet; the message is for the person who sent it."""
