"""English user stories take "a" or "an" by the persona's sound (pipeline/view/common.py)."""

from __future__ import annotations

import pytest

from conftest import TESTS
from pipeline.i18n import translator
from pipeline.view.common import needs_an, user_story


@pytest.mark.parametrize(("persona", "an"), [
    ("Advice line nurse", True), ("engineer", True), ("Owner", True), ("hour-long caller", True),
    ("HR partner", True), ("MSP engineer", True), ("Dispatcher", False), ("user of the app", False),
    ("UX designer", False), ("European buyer", False), ("one-person depot", False), ("", False),
])
def test_the_article_follows_the_sound(persona, an):
    assert needs_an(persona) is an


def test_english_story_says_an_other_locales_keep_their_sentence():
    assert user_story(translator("en"), "en", "Advice line nurse", "to see the caller's history", "I can help") == \
        "As an Advice line nurse, I want to see the caller's history so that I can help."
    assert user_story(translator("en"), "en", "Dispatcher", "one number", "drivers answer") == \
        "As a Dispatcher, I want one number so that drivers answer."
    assert user_story(translator("pl", TESTS.parent / "locales"), "pl", "Advice line nurse", "x", "y").startswith("Jako Advice line nurse")
