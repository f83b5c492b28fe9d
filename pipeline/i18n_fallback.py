"""Which content texts a deck in one locale shows in another language (``csplan check --lang``).

A text or prose field may be written per locale (``{en: …, pl: …}``); a deck
takes the output locale's text and falls back to the customer's source
language. This walks the modelled plan and reports each field that falls
back, located at the value in its YAML file, so the writer knows what is left
to translate. It reads the model only: nothing here knows about slides.
"""

from __future__ import annotations

import types
import typing

from pydantic import BaseModel

from pipeline.fields import Localized, _text
from pipeline.load import field_path
from pipeline.problems import Problems


def _is_text(annotation) -> bool:
    """Return True when ``annotation`` is a translatable text (Text or Prose) field."""
    if typing.get_origin(annotation) is typing.Annotated:
        return any(getattr(m, "func", None) is _text for m in annotation.__metadata__) or _is_text(
            typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_is_text(a) for a in typing.get_args(annotation) if a is not type(None))
    return False


def _item(annotation):
    """Return the item annotation of a list annotation (through Optional), else None."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for a in typing.get_args(annotation):
            found = _item(a)
            if found is not None:
                return found
        return None
    if typing.get_origin(annotation) is list:
        return typing.get_args(annotation)[0]
    return None


def _texts(value, annotation, loc: tuple):
    """Yield (loc, value) for every translatable text inside ``value``."""
    if value is None:
        return
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            ann = typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            yield from _texts(getattr(value, name), ann, loc + (name,))
    elif isinstance(value, (list, tuple)):
        item = _item(annotation)
        for i, v in enumerate(value):
            yield from _texts(v, item, loc + (i,))
    elif isinstance(value, Localized) or (isinstance(value, str) and annotation is not None and _is_text(annotation)):
        yield loc, value


def fallbacks(plan, locale: str) -> Problems:
    """Return a warning for every text of ``plan`` that has no ``locale`` version."""
    problems = Problems()
    customer = plan.customer if plan is not None else None
    if customer is None:
        return problems  # customer.yaml did not load: its own problems say why
    source = customer.source_language
    for section, model in plan.sections.items():
        doc = plan.documents.get(f"{section}.yaml")
        if doc is None:
            continue
        for loc, value in _texts(model, None, ()):
            if isinstance(value, Localized):
                if locale in value:
                    continue
                shown = source if source in value else next(iter(value))
                hint = f"add a {locale} text to it ({locale}: …)"
            else:
                if locale == source:
                    continue
                shown = source
                hint = f"write it as {{{source}: …, {locale}: …}}"
            pos = doc.pos(loc)
            problems.warning(doc.rel, f"no {locale} text; the {locale} deck shows the {shown} text; {hint}",
                             "i18n.fallback", line=pos.line, col=pos.col, field=field_path(loc))
    return problems


# One line per fallen-back text up to this many; above it, a count and the command that lists them.
ANNOUNCE_EACH = 3


def fallback_notice(plan, locale: str, customer: str, where: str) -> Problems:
    """Return what a customer-facing build in ``locale`` says about texts falling back to another language.

    ``where`` is the customer folder as shown in messages. Each fallen-back
    text is a warning of its own when there are few; otherwise one warning
    counts them and names ``csplan check --lang`` that lists them.
    """
    found = fallbacks(plan, locale)
    if len(found.items) <= ANNOUNCE_EACH:
        return found
    notice = Problems()
    languages = sorted({p.message.split(" deck shows the ", 1)[1].split(" text", 1)[0] for p in found
                        if " deck shows the " in p.message})
    notice.warning(where, f"{len(found.items)} texts have no {locale} version, so the {locale} file shows them "
                          f"in the language they were written in ({', '.join(languages)}), tagged as such; list them "
                          f"with: csplan check --lang {locale} {customer}", "i18n.fallback")
    return notice


def refused_fallbacks(plan, locale: str) -> Problems:
    """Return an error for every text of ``plan``'s reference.yaml that the ``locale`` questionnaire would show
    in another language, unless the reference says ``allow_fallback: true``."""
    refused = Problems()
    reference = plan.sections.get("reference") if plan is not None else None
    if reference is None or reference.allow_fallback:
        return refused
    for p in fallbacks(plan, locale):
        if not p.path.endswith("/reference.yaml"):
            continue
        message = p.message.replace(f"the {locale} deck shows", f"the {locale} questionnaire, which goes to the "
                                    "vendor, would show")
        refused.error(p.path, f"{message}, or let it show the original with allow_fallback: true in reference.yaml",
                      "i18n.fallback-refused", line=p.line, col=p.col, field=p.field)
    return refused
