"""A link shows its text, never a raw URL: labels stay, bare addresses show short and stay the link's target."""

from __future__ import annotations

import pytest

from pipeline.view import markdown
from pipeline.view.common import short_url


@pytest.mark.parametrize(("url", "short"), [
    ("https://www.webex.com/products/calling.html", "webex.com/products/calling.html"),
    ("https://www.acme-logistics.example", "acme-logistics.example"),
    ("https://kb.volgabank.example/kc/", "kb.volgabank.example/kc"),
    ("https://www.cisco.com/site/us/en/products/security/secure-client/index.html", "cisco.com/…"),
])
def test_short_url(url, short):
    assert short_url(url) == short


def test_a_labelled_link_shows_its_label():
    (p,) = markdown("Read the [Webex adoption resources](https://www.webex.com/learn/adoption.html).")
    assert [(r.text, r.link) for r in p.runs if r.link] == [
        ("Webex adoption resources", "https://www.webex.com/learn/adoption.html")]


def test_bare_and_auto_links_show_short_and_link_the_full_address():
    (p,) = markdown("See <https://www.webex.com/contact-center.html> and https://www.msb.se/ok/.")
    assert p.text == "See webex.com/contact-center.html and msb.se/ok."
    assert [r.link for r in p.runs if r.link] == ["https://www.webex.com/contact-center.html",
                                                 "https://www.msb.se/ok/"]
