"""One spelling variant per document: English content in British spelling is a warning (``text.spelling``).

The catalog's English (every label of every artifact) is American ("organization", "optimize"), so a
plan or partner file that writes "optimise" puts two spellings into one document ("Optimize" in a
table, "optimise" in the text). The rules are a reviewer's, not a dictionary's: -ise/-isation verbs
and nouns (minus the words that are -ise in American English too), -yse, -our and -tre words. Only
English text is read: the ``en`` variant of a per-language text, and plain texts of an English source.
"""

from __future__ import annotations

import re

from pipeline.model import Plan
from pipeline.problems import Problems
from pipeline.validate import _Checker

# Words spelled -ise in American English as well (and their -ised, -ises, -ising forms).
_ISE_ALSO_US = frozenset("""
advertise advise apprise arise chastise circumcise comprise compromise concise demise despise devise disguise
enterprise excise exercise expertise franchise improvise incise likewise merchandise noise otherwise paradise
poise praise precise premise promise raise reprise revise rise supervise surmise surprise televise treatise
wise clockwise anticlockwise cruise bruise guise porpoise tortoise turquoise valise anise mortise sunrise
""".split())
_OUR = {"colour": "color", "behaviour": "behavior", "favour": "favor", "honour": "honor", "labour": "labor",
        "neighbour": "neighbor", "rumour": "rumor", "harbour": "harbor", "flavour": "flavor", "humour": "humor",
        "endeavour": "endeavor", "vapour": "vapor", "savour": "savor", "vigour": "vigor", "armour": "armor"}
_TRE = {"centre": "center", "metre": "meter", "litre": "liter", "theatre": "theater", "fibre": "fiber"}
_WORD = re.compile(r"[A-Za-z]+")
_ISE = re.compile(r"^([a-z]+?)(is|ys)(e|es|ed|ing|ation|ations|er|ers)$")


def american(word: str) -> str | None:
    """Return the American spelling of a British-spelled ``word`` ("optimise" → "optimize"), else None."""
    lower = word.lower()
    for table in (_OUR, _TRE):
        for british, us in table.items():
            if lower.startswith(british) and lower[len(british):] in ("", "s", "ed", "ing", "ite", "ites", "able"):
                return _case(word, us + lower[len(british):])
    m = _ISE.match(lower)
    if not m or len(m.group(1)) < 3:
        return None
    stem, mid, end = m.groups()
    if mid == "ys" and end[:1] != "e":
        return None  # "analysing" is -ys-ing: handled by the e-forms; "crisis", "basis" never match
    base = stem + mid + "e"
    if base in _ISE_ALSO_US:
        return None
    return _case(word, stem + ("yz" if mid == "ys" else "iz") + end)


def _case(original: str, word: str) -> str:
    """Return ``word`` with ``original``'s capital first letter."""
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def _strings(data, loc: tuple, english: bool):
    """Yield (loc, text) of every English string in YAML data: ``en`` keys, and plain strings of English."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "en" and isinstance(value, str):
                yield loc + (key,), value
            elif isinstance(key, str) and len(key) == 2 and key.islower() and isinstance(value, str):
                continue  # another language's variant
            else:
                yield from _strings(value, loc + (key,), english)
    elif isinstance(data, list):
        for n, value in enumerate(data):
            yield from _strings(value, loc + (n,), english)
    elif isinstance(data, str) and english:
        yield loc, data


def spelling_problems(plan: Plan, content_rel: str, english: bool) -> Problems:
    """Return a warning for every English text of ``plan``'s files written in British spelling."""
    c = _Checker(plan, content_rel)
    for name, doc in sorted(plan.documents.items()):
        if doc.data is None or not name.endswith(".yaml"):
            continue
        section = name[:-len(".yaml")]
        for loc, text in _strings(doc.data, (), english):
            if loc and loc[-1] in ("id", "ids") or text.startswith(("http://", "https://", "assets/")):
                continue
            found = {}
            for word in _WORD.findall(text):
                us = american(word)
                if us is not None and us.lower() != word.lower():
                    found.setdefault(word, us)
            if found:
                words = ", ".join(f"'{w}'" for w in found)
                fixes = ", ".join(f"'{u}'" for u in found.values())
                c.warn(section, loc, f"British spelling {words}; the documents' labels are in American English, "
                       f"so write {fixes} to keep one spelling in the document", "text.spelling")
    return c.problems


def validate_spelling(plan: Plan, content_rel: str) -> Problems:
    """Return the spelling warnings of a customer's plan (its English texts)."""
    customer = plan.customer  # None when customer.yaml is broken: then only the en variants are read
    return spelling_problems(plan, content_rel, customer is not None and customer.source_language == "en")
