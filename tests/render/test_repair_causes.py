"""No example artifact carries a known cause of Office's "repair" dialog that the schema lets through.

The schema (tests/render/test_openxml_valid.py) is necessary, not
sufficient: :func:`deck_helpers.repair_causes` checks content types for
exactly the parts present, unique shape ids per slide, unique and
resolvable relationship ids, numeric attributes that are numbers, a text
body on every text shape, and core properties within their limits.
"""

from __future__ import annotations

import re

import pytest

from deck_helpers import example_artifacts, repair_causes

pytestmark = pytest.mark.examples  # builds every example artifact: left out of make test-fast


def test_no_example_artifact_has_a_known_repair_cause(tmp_path_factory):
    artifacts = example_artifacts(tmp_path_factory)
    found = {name: causes for name, path in sorted(artifacts.items()) if (causes := repair_causes(path))}
    assert not found, "\n".join(f"{n}: {c[:5]}" for n, c in found.items())


def test_the_checker_sees_each_cause(tmp_path_factory):
    """Each rule of repair_causes() fires on a deck broken on purpose (so a green run means something)."""
    import zipfile

    artifacts = example_artifacts(tmp_path_factory)
    deck = next(p for n, p in sorted(artifacts.items()) if n.endswith(".pptx"))
    members = {}
    with zipfile.ZipFile(deck) as z:
        for n in z.namelist():
            members[n] = z.read(n)
    slide = members["ppt/slides/slide2.xml"].decode()
    # A second shape with the first one's id, an unknown relationship, a NaN offset and a title over 255 characters.
    first, second = re.findall(r'<p:cNvPr id="(\d+)"', slide)[1:3]
    slide = slide.replace(f'<p:cNvPr id="{second}"', f'<p:cNvPr id="{first}"', 1)
    slide = slide.replace('<a:off x="', '<a:off x="NaN" data-x="', 1)
    members["ppt/slides/slide2.xml"] = slide.replace("</p:spTree>",
                                                     '<p:pic><p:blipFill><a:blip r:embed="rId99"/></p:blipFill>'
                                                     '</p:pic></p:spTree>').encode()
    core = members["docProps/core.xml"].decode()
    members["docProps/core.xml"] = core.replace("</dc:title>", "x" * 300 + "</dc:title>").encode()
    members["ppt/media/stray.qqq"] = b"x"
    broken = tmp_path_factory.mktemp("broken") / "broken.pptx"
    with zipfile.ZipFile(broken, "w") as z:
        for n, blob in members.items():
            z.writestr(n, blob)
    causes = "\n".join(repair_causes(broken))
    for expected in (f"shape id {first} twice", "unknown relationship rId99", "has x='NaN'",
                     "title is", "stray.qqq: no content type"):
        assert expected in causes, causes
