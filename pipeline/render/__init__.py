"""Render stage: one renderer per output format."""


def set_core_properties(props, *, title: str, author: str, subject: str, locale: str, created) -> None:
    """Fill the document properties both Office formats carry, the same way for decks and documents."""
    from datetime import datetime

    props.title = title
    props.author = author
    props.last_modified_by = author
    props.subject = subject
    props.language = locale
    props.revision = 1
    props.keywords = ""
    props.comments = ""
    props.category = ""
    # Naive midnight: both libraries write it as UTC; write.normalize_zip then
    # stamps SOURCE_DATE_EPOCH over it when that is set.
    props.created = props.modified = datetime(created.year, created.month, created.day)
