"""Build templates/pptx/default.pptx, the default csplan deck template.

Usage: python templates/pptx/make_template.py [OUTPUT_PPTX]

Starts from python-pptx's own default template (so the package structure is
one python-pptx already round-trips), switches it to 16:9, installs the csplan
theme (colours + Calibri), rewrites the slide master and six named layouts,
drops every other layout, and re-zips the result with fixed timestamps so
that running the script twice gives byte-identical files. The layout names
and placeholder idx here must agree with templates/pptx/default.yaml;
``csplan``'s template lint (pipeline.template.check_template) verifies that.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
DEFAULT_OUTPUT = HERE / "default.pptx"

IN = 914400
PT = 12700
SLIDE_W = 12192000  # 13.333 in
SLIDE_H = 6858000  # 7.5 in
MARGIN = int(0.6 * IN)
CONTENT_W = SLIDE_W - 2 * MARGIN
INSET = 91440  # default left text inset: decorations align with text, not the box

FIXED_DATE = dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

THEME_NAME = "csplan"
# Navy + teal palette with a single warm accent (gold, accent3). Chart series
# follow accent1..accent6, so the order here is the default series order.
COLORS = {
    "dk1": "1E2530",  # body text: softer than pure black
    "lt1": "FFFFFF",
    "dk2": "12263F",  # navy: headings, title slide background
    "lt2": "EEF2F6",  # pale blue-grey: table banding, panels
    "accent1": "1A7F8E",  # teal
    "accent2": "12263F",  # navy
    "accent3": "E9A23B",  # gold: the one accent
    "accent4": "7CC0C8",  # light teal
    "accent5": "6B7A8F",  # slate
    "accent6": "0B4F5C",  # deep teal
    "hlink": "1A7F8E",
    "folHlink": "6B7A8F",
}
FOOTER_GREY = "7A8699"
RULE_GREY = "D5DCE3"

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)

# Geometry shared by master and content layouts (EMU).
TITLE_BOX = (MARGIN, int(0.35 * IN), CONTENT_W, int(0.85 * IN))
BODY_BOX = (MARGIN, int(1.45 * IN), CONTENT_W, int(5.15 * IN))
COLUMN_GAP = int(0.4 * IN)
COLUMN_W = (CONTENT_W - COLUMN_GAP) // 2
LEFT_BOX = (MARGIN, BODY_BOX[1], COLUMN_W, BODY_BOX[3])
RIGHT_BOX = (MARGIN + COLUMN_W + COLUMN_GAP, BODY_BOX[1], COLUMN_W, BODY_BOX[3])
FOOTER_Y = int(6.92 * IN)
FOOTER_H = int(0.35 * IN)
FTR_BOX = (MARGIN, FOOTER_Y, int(8 * IN), FOOTER_H)
SLDNUM_BOX = (SLIDE_W - MARGIN - int(1.2 * IN), FOOTER_Y, int(1.2 * IN), FOOTER_H)
DT_BOX = (int(8.8 * IN), FOOTER_Y, int(2.2 * IN), FOOTER_H)

# Title / section slides.
COVER_TITLE_BOX = (MARGIN, int(2.55 * IN), int(10.0 * IN), int(1.6 * IN))
COVER_SUB_BOX = (MARGIN, int(4.3 * IN), int(10.0 * IN), int(1.1 * IN))
COVER_BAND_H = int(0.35 * IN)
LOGO_BOX = (SLIDE_W - MARGIN - int(2.2 * IN), int(0.5 * IN), int(2.2 * IN), int(0.9 * IN))


# ---------------------------------------------------------------- XML bits
def _xfrm(box: tuple[int, int, int, int]) -> str:
    x, y, w, h = box
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _fill(color: str) -> str:
    if color in COLORS or color in {"tx1", "tx2", "bg1", "bg2"}:
        return f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'
    return f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'


def _rpr(size: int | None = None, bold: bool = False, color: str | None = None) -> str:
    attrs = (f' sz="{size * 100}"' if size else "") + (' b="1"' if bold else "")
    return f"<a:defRPr{attrs}>{_fill(color) if color else ''}</a:defRPr>"


def _lvl1(algn: str = "l", size: int | None = None, bold: bool = False, color: str | None = None, no_bullet: bool = False) -> str:
    bullet = '<a:buNone/>' if no_bullet else ""
    indent = ' marL="0" indent="0"' if no_bullet else ""
    return f'<a:lvl1pPr{indent} algn="{algn}">{bullet}{_rpr(size, bold, color)}</a:lvl1pPr>'


def _placeholder(shape_id: int, name: str, ph: str, box, *, anchor: str | None = None, lst: str = "", prompt: str = "", master: bool = False) -> str:
    geom = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>' if master else ""
    # Insets written out on the master so the values measure.py assumes are
    # explicit in the template, not implied by a renderer default.
    ins = ' lIns="91440" tIns="45720" rIns="91440" bIns="45720"' if master else ""
    anchor_attr = f' anchor="{anchor}"' if anchor else ""
    body_pr = f'<a:bodyPr vert="horz"{ins} rtlCol="0"{anchor_attr}/>' if (master or anchor) else "<a:bodyPr/>"
    run = f'<a:r><a:rPr lang="en-US"/><a:t>{prompt}</a:t></a:r>' if prompt else ""
    return (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f"<p:spPr>{_xfrm(box)}{geom}</p:spPr>"
        f'<p:txBody>{body_pr}<a:lstStyle>{lst}</a:lstStyle><a:p>{run}<a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>'
    )


def _field_placeholder(shape_id: int, name: str, ph: str, box, field: str | None, algn: str, master: bool) -> str:
    """Footer/date/number placeholders: small grey text, optionally a field."""
    geom = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>' if master else ""
    lst = f'<a:lvl1pPr algn="{algn}">{_rpr(10, False, FOOTER_GREY)}</a:lvl1pPr>' if master else ""
    if field == "slidenum":
        para = '<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="en-US"/><a:t>‹#›</a:t></a:fld>'
    elif field == "datetime":
        para = '<a:fld id="{F8166F1F-CE9B-4651-A6AA-CD717754106B}" type="datetimeFigureOut"><a:rPr lang="en-US"/><a:t>1/1/2024</a:t></a:fld>'
    else:
        para = ""
    return (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f"<p:spPr>{_xfrm(box)}{geom}</p:spPr>"
        f'<p:txBody><a:bodyPr vert="horz" lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0" anchor="ctr"/>'
        f'<a:lstStyle>{lst}</a:lstStyle><a:p>{para}<a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>'
    )


def _rect(shape_id: int, name: str, box, color: str) -> str:
    return (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{_xfrm(box)}'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{_fill(color)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>'
    )


def _set_shapes(slide_like, shapes_xml: list[str]) -> None:
    """Replace every shape in a master/layout spTree with ``shapes_xml``."""
    sp_tree = slide_like.shapes._spTree
    for child in list(sp_tree):
        if child.tag not in (qn("p:nvGrpSpPr"), qn("p:grpSpPr")):
            sp_tree.remove(child)
    for xml in shapes_xml:
        sp_tree.append(parse_xml(xml))


def _set_background(slide_like, color: str | None) -> None:
    c_sld = slide_like._element.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    if color:
        bg = parse_xml(f"<p:bg {NS}><p:bgPr>{_fill(color)}<a:effectLst/></p:bgPr></p:bg>")
        c_sld.insert(0, bg)


# ---------------------------------------------------------------- master
def _build_master(master) -> None:
    _set_background(master, "bg1")
    _set_shapes(
        master,
        [
            _rect(7, "Top Band", (0, 0, SLIDE_W, int(0.08 * IN)), "tx2"),
            _placeholder(2, "Title Placeholder 1", '<p:ph type="title"/>', TITLE_BOX, anchor="b", prompt="Click to edit Master title style", master=True),
            _placeholder(
                3, "Text Placeholder 2", '<p:ph type="body" idx="1"/>', BODY_BOX, prompt="Click to edit Master text styles", master=True
            ),
            _field_placeholder(4, "Date Placeholder 3", '<p:ph type="dt" sz="half" idx="2"/>', DT_BOX, "datetime", "ctr", True),
            _field_placeholder(5, "Footer Placeholder 4", '<p:ph type="ftr" sz="quarter" idx="3"/>', FTR_BOX, None, "l", True),
            _field_placeholder(6, "Slide Number Placeholder 5", '<p:ph type="sldNum" sz="quarter" idx="4"/>', SLDNUM_BOX, "slidenum", "r", True),
            _rect(8, "Title Accent", (MARGIN + INSET, int(1.24 * IN), int(0.9 * IN), int(0.05 * IN)), "accent3"),
            _rect(9, "Footer Rule", (MARGIN, FOOTER_Y - int(0.04 * IN), CONTENT_W, PT), RULE_GREY),
        ],
    )
    tx_styles = master._element.find(qn("p:txStyles"))
    # No kern attribute: kerning off keeps pipeline.measure widths exact.
    common = 'defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1"'

    def font(size: int, bold: bool, color: str, major: bool) -> str:
        kind = "mj" if major else "mn"
        b = ' b="1"' if bold else ""
        return (
            f'<a:defRPr sz="{size * 100}"{b}>{_fill(color)}'
            f'<a:latin typeface="+{kind}-lt"/><a:ea typeface="+{kind}-ea"/><a:cs typeface="+{kind}-cs"/></a:defRPr>'
        )

    title = (
        f'<p:titleStyle {NS}><a:lvl1pPr algn="l" {common}><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
        f'<a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>{font(28, True, "tx2", True)}</a:lvl1pPr></p:titleStyle>'
    )
    levels = []
    # (marL, indent, bullet, size) per outline level; first three are the
    # ones decks use, the rest keep PowerPoint's demote/promote sensible.
    spec = [(228600, -228600, "•", 18), (457200, -228600, "–", 16), (685800, -228600, "•", 14)]
    spec += [(685800 + 228600 * i, -228600, "–" if i % 2 else "•", 14) for i in range(1, 7)]
    for n, (mar_l, indent, char, size) in enumerate(spec, start=1):
        bullet_color = "accent1" if n == 1 else "accent5"
        levels.append(
            f'<a:lvl{n}pPr marL="{mar_l}" indent="{indent}" algn="l" {common}>'
            f'<a:lnSpc><a:spcPct val="100000"/></a:lnSpc><a:spcBef><a:spcPts val="600"/></a:spcBef>'
            f'<a:buClr><a:schemeClr val="{bullet_color}"/></a:buClr><a:buFont typeface="Arial"/><a:buChar char="{char}"/>'
            f"{font(size, False, 'tx1', False)}</a:lvl{n}pPr>"
        )
    body = f'<p:bodyStyle {NS}>{"".join(levels)}</p:bodyStyle>'
    other_levels = "".join(
        f'<a:lvl{n}pPr marL="{457200 * (n - 1)}" algn="l" {common}>{font(18, False, "tx1", False)}</a:lvl{n}pPr>'
        for n in range(1, 10)
    )
    other = f'<p:otherStyle {NS}><a:defPPr><a:defRPr lang="en-US"/></a:defPPr>{other_levels}</p:otherStyle>'
    for child in list(tx_styles):
        tx_styles.remove(child)
    for xml in (title, body, other):
        tx_styles.append(parse_xml(xml))


# ---------------------------------------------------------------- layouts
def _footer_shapes(first_id: int) -> list[str]:
    return [
        _field_placeholder(first_id, "Footer Placeholder", '<p:ph type="ftr" sz="quarter" idx="11"/>', FTR_BOX, None, "l", False),
        _field_placeholder(first_id + 1, "Slide Number Placeholder", '<p:ph type="sldNum" sz="quarter" idx="12"/>', SLDNUM_BOX, "slidenum", "r", False),
    ]


def _title_ph(shape_id: int = 2) -> str:
    return _placeholder(shape_id, "Title 1", '<p:ph type="title"/>', TITLE_BOX, prompt="Click to edit Master title style")


def _cover_shapes(title_size: int, band_color: str, title_prompt: str, sub_prompt: str, sub_ph: str, sub_color: str) -> list[str]:
    return [
        _rect(10, "Accent Bar", (MARGIN + INSET, COVER_TITLE_BOX[1] - int(0.12 * IN), int(1.2 * IN), int(0.08 * IN)), "accent3"),
        _rect(11, "Bottom Band", (0, SLIDE_H - COVER_BAND_H, SLIDE_W, COVER_BAND_H), band_color),
        _placeholder(
            2,
            "Title 1",
            '<p:ph type="ctrTitle"/>' if sub_ph.startswith('<p:ph type="subTitle"') else '<p:ph type="title"/>',
            COVER_TITLE_BOX,
            anchor="b",
            lst=_lvl1("l", title_size, True, "bg1"),
            prompt=title_prompt,
        ),
        _placeholder(3, "Subtitle 2", sub_ph, COVER_SUB_BOX, anchor="t", lst=_lvl1("l", 20, False, sub_color, no_bullet=True), prompt=sub_prompt),
    ]


LAYOUTS = [
    # (name, source layout in python-pptx's default template, type, builder)
    ("Title", "Title Slide", "title"),
    ("Section", "Section Header", "secHead"),
    ("Title and Content", "Title and Content", "obj"),
    ("Table", "Title Only", None),
    ("Chart", "Blank", None),
    ("Two Column", "Two Content", "twoObj"),
]


def _build_layout(layout, name: str, kind: str | None) -> None:
    el = layout._element
    el.find(qn("p:cSld")).set("name", name)
    if kind:
        el.set("type", kind)
    elif "type" in el.attrib:
        del el.attrib["type"]  # "cust", PowerPoint's type for user layouts
    el.set("preserve", "1")
    if name == "Title":
        el.set("showMasterSp", "0")
        _set_background(layout, "tx2")
        shapes = _cover_shapes(40, "accent1", "Customer Success Plan", "Customer · period", '<p:ph type="subTitle" idx="1"/>', "accent4")
    elif name == "Section":
        el.set("showMasterSp", "0")
        _set_background(layout, "accent1")
        shapes = _cover_shapes(36, "tx2", "Section title", "Optional section subtitle", '<p:ph type="body" idx="1"/>', "lt2")
    else:
        el.attrib.pop("showMasterSp", None)
        _set_background(layout, None)
        shapes = [_title_ph()]
        if name == "Title and Content":
            shapes.append(_placeholder(3, "Content Placeholder 2", '<p:ph idx="1"/>', BODY_BOX, prompt="Click to edit Master text styles"))
        elif name == "Two Column":
            shapes.append(_placeholder(3, "Left Content", '<p:ph sz="half" idx="1"/>', LEFT_BOX, prompt="Click to edit Master text styles"))
            shapes.append(_placeholder(4, "Right Content", '<p:ph sz="half" idx="2"/>', RIGHT_BOX, prompt="Click to edit Master text styles"))
        shapes += _footer_shapes(20)
    _set_shapes(layout, shapes)


# ---------------------------------------------------------------- theme & package
def _theme_xml(blob: bytes) -> bytes:
    xml = blob.decode("utf-8")
    xml = re.sub(r'(<a:theme [^>]*name=")[^"]*"', rf'\g<1>{THEME_NAME}"', xml, count=1)
    scheme = "".join(
        f'<a:{key}><a:srgbClr val="{value}"/></a:{key}>' if key not in ("dk1", "lt1") else
        # dk1/lt1 stay system colours, as in every Office theme, so
        # high-contrast modes keep working.
        f'<a:{key}><a:sysClr val="{"windowText" if key == "dk1" else "window"}" lastClr="{value}"/></a:{key}>'
        for key, value in COLORS.items()
    )
    xml, n = re.subn(r"<a:clrScheme [^>]*>.*?</a:clrScheme>", f'<a:clrScheme name="{THEME_NAME}">{scheme}</a:clrScheme>', xml, flags=re.S)
    assert n == 1
    xml, n = re.subn(r'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*"', r'\g<1>Calibri"', xml)
    assert n == 2
    xml = re.sub(r'(<a:fontScheme name=")[^"]*"', rf'\g<1>{THEME_NAME}"', xml, count=1)
    return xml.encode("utf-8")



APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<TotalTime>0</TotalTime><Words>0</Words><Application>Microsoft Office PowerPoint</Application>"
    "<PresentationFormat>Widescreen</PresentationFormat><Paragraphs>0</Paragraphs><Slides>0</Slides>"
    "<Notes>0</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips><ScaleCrop>false</ScaleCrop>"
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Theme</vt:lpstr></vt:variant>'
    "<vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>"
    f'<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>{THEME_NAME}</vt:lpstr></vt:vector></TitlesOfParts>'
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "<AppVersion>16.0000</AppVersion></Properties>"
).encode("utf-8")


def build() -> bytes:
    """Return the bytes of the template, before re-zipping."""
    prs = Presentation()
    prs.slide_width = SLIDE_W
    prs.slide_height = SLIDE_H
    prs.part._element.find(qn("p:sldSz")).attrib.pop("type", None)

    master = prs.slide_master
    theme = master.part.part_related_by(RT.THEME)
    theme._blob = _theme_xml(theme.blob)
    _build_master(master)

    by_name = {layout.name: layout for layout in master.slide_layouts}
    keep = []
    for name, source, kind in LAYOUTS:
        layout = by_name.pop(source)
        _build_layout(layout, name, kind)
        keep.append(layout)
    for layout in by_name.values():
        master.slide_layouts.remove(layout)

    # Present the layouts in deck order in PowerPoint's layout gallery and
    # give the parts contiguous names.
    id_lst = master._element.find(qn("p:sldLayoutIdLst"))
    ids = {el.get(qn("r:id")): el for el in id_lst}
    for child in list(id_lst):
        id_lst.remove(child)
    for n, layout in enumerate(keep, start=1):
        rid = next(r for r, rel in master.part.rels.items() if rel.target_part is layout.part)
        entry = ids[rid]
        entry.set("id", str(2147483648 + n))
        id_lst.append(entry)
        layout.part.partname = PackURI(f"/ppt/slideLayouts/slideLayout{n}.xml")

    # A stale 4:3 thumbnail of python-pptx's template would mislead file browsers.
    pkg = prs.part.package
    for rid, rel in list(pkg._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg._rels.pop(rid)

    props = prs.core_properties
    props.title = "csplan default template"
    props.subject = "Customer Success plan deck template"
    props.author = "csplan"
    props.last_modified_by = "csplan"
    props.comments = "Generated by templates/pptx/make_template.py; do not edit by hand."
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = FIXED_DATE
    props.modified = FIXED_DATE

    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def normalize_zip(data: bytes) -> bytes:
    """Return ``data`` re-zipped with fixed dates/attributes, entries in their original order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "docProps/app.xml":
                payload = APP_XML
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            dst.writestr(entry, payload, compresslevel=9)
    return out.getvalue()


def main(argv: list[str]) -> int:
    """Return the exit status after writing the template to argv[1] (default: next to this script)."""
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(normalize_zip(build()))
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
