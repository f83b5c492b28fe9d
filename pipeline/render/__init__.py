"""Render stage: one renderer per output format."""

# Office repairs a document property longer than this, and python-pptx and
# python-docx refuse to write one; the full text is on the slide or page.
CORE_TEXT_LIMIT = 255


def core_text(text: str) -> str:
    """Return ``text`` cut to fit a document property (at a word, with "…"), or as it is when it fits."""
    text = " ".join(text.split())  # one line: a property is not shown with line breaks
    if len(text) <= CORE_TEXT_LIMIT:
        return text
    cut = text[: CORE_TEXT_LIMIT - 1]
    if " " in cut[CORE_TEXT_LIMIT // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def set_core_properties(props, *, title: str, author: str, subject: str, locale: str, created) -> None:
    """Fill the document properties both Office formats carry, the same way for decks and documents."""
    from datetime import datetime

    props.title = core_text(title)
    props.author = core_text(author)
    props.last_modified_by = core_text(author)
    props.subject = core_text(subject)
    props.language = locale
    props.revision = 1
    props.keywords = ""
    props.comments = ""
    props.category = ""
    # Naive midnight: both libraries write it as UTC; write.normalize_zip then
    # stamps SOURCE_DATE_EPOCH over it when that is set.
    props.created = props.modified = datetime(created.year, created.month, created.day)
