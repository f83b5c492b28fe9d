"""The one place csplan reaches into python-pptx's internals.

The deck renderer's fast paths (docs/performance.md) need what python-pptx
keeps to itself: the XML behind text frames, tables and shape trees, the
package's parts and relationships, and its zip writer. Every such name is
used here only, through the small functions below, and listed in
:data:`PRIVATE_NAMES`, which ``tests/render/test_oxml.py`` checks against the
installed python-pptx: an upgrade that drops one fails that test by name
instead of breaking a render halfway. Elsewhere, the renderer uses
python-pptx's public API, lxml on the elements these functions return, and
``element`` (the public XML of slides and shapes).
"""

from __future__ import annotations

import copy
from contextlib import contextmanager

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from xlsxwriter import Workbook

__all__ = [
    "PRIVATE_NAMES",
    "qn",
    "fast_part_names",
    "drop_slides",
    "add_slide_copy",
    "add_notes_copy",
    "shape_tree",
    "shape_of",
    "text_body",
    "table_xml",
    "paragraph_xml",
    "series_xml",
    "link",
    "image_size",
    "package_entries",
    "chart_data",
    "positive_axis_ids",
]

# (where it lives, the name, what csplan uses it for): every python-pptx name
# below that is private, or lives in a module outside its documented API
# (pptx.oxml, pptx.opc, pptx.parts, the part and package objects). An
# attribute python-pptx sets in __init__ is checked on an instance the test
# builds, since the class does not carry it.
PRIVATE_NAMES: tuple[tuple[str, str, str], ...] = (
    ("pptx.oxml.ns", "qn", "the Clark names of the DrawingML tags the renderer writes"),
    ("pptx.opc.constants", "CONTENT_TYPE", "the content types of copied slide and notes slide parts"),
    ("pptx.opc.constants.CONTENT_TYPE", "PML_SLIDE", "the content type of a copied slide part"),
    ("pptx.opc.constants.CONTENT_TYPE", "PML_NOTES_SLIDE", "the content type of a copied notes slide part"),
    ("pptx.opc.constants", "RELATIONSHIP_TYPE", "the relationships of copied slides and of hyperlinks"),
    ("pptx.opc.constants.RELATIONSHIP_TYPE", "SLIDE", "relating a copied slide to the presentation"),
    ("pptx.opc.constants.RELATIONSHIP_TYPE", "SLIDE_LAYOUT", "relating a copied slide to its layout"),
    ("pptx.opc.constants.RELATIONSHIP_TYPE", "NOTES_SLIDE", "relating a copied notes slide to its slide"),
    ("pptx.opc.constants.RELATIONSHIP_TYPE", "NOTES_MASTER", "relating a copied notes slide to the notes master"),
    ("pptx.opc.constants.RELATIONSHIP_TYPE", "HYPERLINK", "the relationship of a run's hyperlink"),
    ("pptx.opc.packuri", "PackURI", "the part names fast_part_names() hands out"),
    ("pptx.opc.packuri.PackURI", "membername", "the zip member name of each part package_entries() returns"),
    ("pptx.opc.package.Part", "package", "reaching the package from the presentation part"),
    ("pptx.opc.package.Part", "partname", "the part names fast_part_names() has seen"),
    ("pptx.opc.package.Part", "relate_to", "relating copied slides, notes slides and hyperlinks"),
    ("pptx.opc.package.XmlPart", "drop_rel", "dropping the template's sample slides"),
    ("pptx.opc.package.OpcPackage", "next_partname", "replaced per package by fast_part_names()"),
    ("pptx.opc.package.OpcPackage", "iter_parts", "the parts fast_part_names() and package_entries() walk"),
    ("pptx.opc.package.OpcPackage", "_rels", "the package relationships package_entries() writes"),
    ("pptx.package.Package", "presentation_part", "reaching the notes master for a copied notes slide"),
    ("pptx.parts.presentation.PresentationPart", "_next_slide_partname", "the part name of a copied slide"),
    ("pptx.parts.presentation.PresentationPart", "notes_master_part", "relating a copied notes slide"),
    ("pptx.parts.slide", "SlidePart", "the part of a copied slide"),
    ("pptx.parts.slide.SlidePart", "slide", "the slide object of a copied slide part"),
    ("pptx.parts.slide", "NotesSlidePart", "the part of a copied notes slide"),
    ("pptx.parts.slide.NotesSlidePart", "notes_slide", "the notes slide object of a copied notes slide part"),
    ("pptx.parts.image", "Image", "the pixel size of a logo before it is placed"),
    ("pptx.parts.image.Image", "from_blob", "reading a logo's pixel size from its bytes"),
    ("pptx.opc.serialized", "PackageWriter", "serialising the package's members without zipping them"),
    ("pptx.opc.serialized.PackageWriter", "_write_content_types_stream", "the [Content_Types].xml member"),
    ("pptx.opc.serialized.PackageWriter", "_write_pkg_rels", "the package relationships member"),
    ("pptx.opc.serialized.PackageWriter", "_write_parts", "every part's member and its relationships"),
    ("pptx.slide.Slides", "_sldIdLst", "adding copied slides to, and dropping sample slides from, the slide list"),
    ("pptx.oxml.presentation.CT_SlideIdList", "add_sldId", "adding a copied slide to the slide list"),
    ("pptx.oxml.presentation.CT_SlideId", "rId", "the relationship of a sample slide being dropped"),
    ("pptx.shapes.shapetree._BaseShapes", "_spTree", "appending cloned footer placeholders to a slide"),
    ("pptx.shapes.shapetree.SlideShapes", "_shape_factory", "the shape object of a placeholder found by XPath"),
    ("pptx.text.text.TextFrame", "_txBody", "writing a text frame's paragraphs as XML"),
    ("pptx.text.text._Paragraph", "_p", "reading a paragraph's runs and bullets as XML (csplan dump)"),
    ("pptx.table.Table", "_tbl", "copying table rows and writing cells and column widths as XML"),
    ("pptx.chart.series._BaseSeries", "_element", "reading an XY series' x values (csplan dump)"),
    ("pptx.chart.data.CategoryChartData", "_workbook_writer", "the writer of a chart's embedded workbook"),
    ("pptx.chart.xlsx", "CategoryWorkbookWriter", "writing category and series names as strings, never formulas"),
    ("pptx.chart.xlsx.CategoryWorkbookWriter", "_open_worksheet", "opening the embedded workbook, with options"),
    ("pptx.chart.chart.Chart", "_chartSpace", "a time axis's label interval; reading its dates (csplan dump)"),
)


class _PartNames:
    """``next_partname`` for one package, remembering the names it has seen and given.

    python-pptx's own walks every relationship of the package for each new
    part (slide, notes slide, chart, workbook), which is quadratic in the
    size of the deck; this gives the same names from a set kept up to date.
    """

    def __init__(self, package):
        self._package = package
        self._names: set[str] | None = None

    def __call__(self, tmpl: str) -> PackURI:
        """Return the next free partname for ``tmpl``, as python-pptx would."""
        if self._names is None:
            self._names = {str(p.partname) for p in self._package.iter_parts()}
        prefix = tmpl[: (tmpl % 42).find("42")]
        count = sum(1 for name in self._names if name.startswith(prefix))
        for n in range(count + 1, 0, -1):
            candidate = tmpl % n
            if candidate not in self._names:
                self._names.add(candidate)
                return PackURI(candidate)
        raise RuntimeError(f"no free part name for {tmpl}")  # unreachable: count + 1 names, count taken


def fast_part_names(prs) -> None:
    """Make ``prs``'s package name new parts from a kept set instead of walking every relationship."""
    package = prs.part.package
    package.next_partname = _PartNames(package)


def drop_slides(prs) -> None:
    """Remove every slide of ``prs`` and its relationship from the presentation."""
    sld_ids = prs.slides._sldIdLst
    for sld_id in list(sld_ids):
        prs.part.drop_rel(sld_id.rId)
        sld_ids.remove(sld_id)


def add_slide_copy(prs, layout, xml):
    """Return a new slide of ``layout`` at the end of ``prs`` whose XML is a copy of ``xml``."""
    from pptx.parts.slide import SlidePart

    presentation = prs.part
    part = SlidePart(presentation._next_slide_partname, CT.PML_SLIDE, presentation.package, copy.deepcopy(xml))
    part.relate_to(layout.part, RT.SLIDE_LAYOUT)
    prs.slides._sldIdLst.add_sldId(presentation.relate_to(part, RT.SLIDE))
    return part.slide


def add_notes_copy(slide, xml):
    """Return a new notes slide of ``slide`` whose XML is a copy of ``xml``."""
    from pptx.parts.slide import NotesSlidePart

    package = slide.part.package
    part = NotesSlidePart(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                          package, copy.deepcopy(xml))
    part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    return part.notes_slide


def shape_tree(slide):
    """Return the ``p:spTree`` element of ``slide``."""
    return slide.shapes._spTree


def shape_of(slide, element):
    """Return python-pptx's shape object for ``element``, a child of ``slide``'s shape tree."""
    return slide.shapes._shape_factory(element)


def text_body(text_frame):
    """Return the ``a:txBody`` element of ``text_frame``."""
    return text_frame._txBody


def table_xml(table):
    """Return the ``a:tbl`` element of ``table``."""
    return table._tbl


def paragraph_xml(paragraph):
    """Return the ``a:p`` element of ``paragraph``."""
    return paragraph._p


def series_xml(series):
    """Return the ``c:ser`` element of a chart ``series``."""
    return series._element


def chart_xml(chart):
    """Return the ``c:chartSpace`` element of a python-pptx ``chart``."""
    return chart._chartSpace


def link(part, url: str) -> str:
    """Return the id of a new external hyperlink relationship from ``part`` to ``url``."""
    return part.relate_to(url, RT.HYPERLINK, is_external=True)


def image_size(blob: bytes) -> tuple[int, int]:
    """Return the (width, height) in pixels of the image in ``blob``."""
    from pptx.parts.image import Image

    return Image.from_blob(blob).size


class _Entries(list):
    """A stand-in for python-pptx's zip writer that keeps each (name, bytes) it is given."""

    def write(self, pack_uri, blob: bytes) -> None:
        """Keep one package member."""
        self.append((pack_uri.membername, blob))


def package_entries(prs) -> list[tuple[str, bytes]]:
    """Return the members python-pptx's save() would zip for ``prs``, in its order."""
    # The write stage zips them once, deterministically; saving here too
    # would compress the whole deck twice. These are the steps of
    # PackageWriter._write() without its zip file.
    from pptx.opc.serialized import PackageWriter

    package = prs.part.package
    writer = PackageWriter(None, package._rels, tuple(package.iter_parts()))
    entries = _Entries()
    writer._write_content_types_stream(entries)
    writer._write_pkg_rels(entries)
    writer._write_parts(entries)
    return entries


# Text from content goes into a chart's embedded workbook as text: xlsxwriter
# would otherwise turn a string starting with "=" (or "{=…}") into a live
# formula, run when someone chooses "Edit Data" in PowerPoint, and one that
# looks like a URL into a hyperlink.
_DATA_ONLY = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
              "strings_to_numbers": False}


class _DataOnlyWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's category workbook writer, opening its workbook with :data:`_DATA_ONLY`."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, _DATA_ONLY)
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _DataOnlyChartData(CategoryChartData):
    """Category chart data whose embedded workbook is written by :class:`_DataOnlyWorkbookWriter`."""

    @property
    def _workbook_writer(self):
        return _DataOnlyWorkbookWriter(self)


def chart_data(number_format: str) -> CategoryChartData:
    """Return a ``CategoryChartData`` whose embedded workbook keeps every string a string."""
    return _DataOnlyChartData(number_format=number_format)


def positive_axis_ids(chart) -> None:
    """Renumber ``chart``'s axis ids 1, 2, … in document order (python-pptx writes negative ones).

    The schema types ``c:axId`` and ``c:crossAx`` as unsigned ints; PowerPoint
    repairs a chart whose ids are below zero.
    """
    element = chart.element
    ids: dict[str, str] = {}
    for node in element.xpath(".//c:axId | .//c:crossAx"):
        ids.setdefault(node.get("val"), str(len(ids) + 1))
    for node in element.xpath(".//c:axId | .//c:crossAx"):
        node.set("val", ids[node.get("val")])
