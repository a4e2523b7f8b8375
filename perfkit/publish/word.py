"""The briefing as a Word document, built from the briefing's own HTML.

Committee systems take papers as Word or PDF. The document is made from the
published HTML page, section by section, so it holds the same words and figures
as the page (one source of numbers, nothing retyped):

- headings are Word headings (``Heading 1`` to ``Heading 4``), so the navigation
  pane and a contents field work;
- tables are Word tables with their header row marked to repeat on every page,
  row headers in bold, captions above in the ``Caption`` style;
- charts are pictures with the page's alt text as their description;
- every paragraph has a named style (``Normal``, ``List Bullet``, ``Caption`` and
  perfkit's ``Council Name``, ``Briefing Date``, ``Headline Figure``, ``Figure``;
  tables use ``Table Grid``), so an officer restyles the whole document to the
  council's template by changing the styles, not the text;
- the language is British English.

Examples
--------
>>> from perfkit.publish.word import write_docx
>>> html = open("reports/northbrook-district-council-briefing-2023-24-q2.html").read()  # doctest: +SKIP
>>> write_docx(html, "reports/northbrook-district-council-briefing-2023-24-q2.docx")  # doctest: +SKIP
PosixPath('reports/northbrook-district-council-briefing-2023-24-q2.docx')
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from xml.sax.saxutils import escape as _xml_escape
from pathlib import Path

from perfkit.core.paths import atomic_path
from perfkit.read.safety import FORMULA_START
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt
from docx.shared import Cm, Emu
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

#: perfkit's own paragraph styles: name -> (based on, bold, size in points, space after in points).
STYLES = {
    "Council Name": ("Normal", True, 12, 0),
    "Briefing Date": ("Normal", False, 10, 12),
    "Headline Figure": ("Normal", True, 20, 0),
    "Figure": ("Normal", False, None, 4),
}
CLASS_STYLES = {"council": "Council Name", "meta": "Briefing Date", "big": "Headline Figure"}
SKIP = {"head", "style", "script", "nav", "footer", "title", "template"}
VOID = {"img", "br", "meta", "link", "hr", "input", "source", "col", "wbr"}
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "figure", "div", "section", "header", "main",
          "article", "body", "html", "figcaption", "caption", "blockquote", "pre", "dl", "dt", "dd"}
MAX_WIDTH_CM = 16.0
LANGUAGE = "en-GB"


@dataclass
class Node:
    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def find_all(self, tag: str):
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    yield child
                if child.tag != "table":  # a nested table's rows are its own
                    yield from child.find_all(tag)


class _Tree(HTMLParser):
    """A forgiving HTML tree: enough for the pages perfkit writes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def _colours(node: Node) -> tuple[str, str] | None:
    """The background and text colours of a status label (``<span class="rag" style="background:#…;color:#…">``)."""
    style = node.attrs.get("style") or ""
    bg = re.search(r"background(?:-color)?\s*:\s*#([0-9a-fA-F]{6})", style)
    fg = re.search(r"(?<![-\w])color\s*:\s*#([0-9a-fA-F]{6})", style)
    return (bg.group(1).upper(), fg.group(1).upper() if fg else "000000") if bg else None


def _runs(node, bold=False, italic=False, shade=None):
    """Inline text of a node as (text, bold, italic, shade) pieces; ``"\n"`` pieces are line breaks.

    ``shade`` is the (background, text) colour pair of a status label, kept so that
    the Word table shows the same coloured, worded labels as the page.
    """
    for child in node.children:
        if isinstance(child, str):
            text = re.sub(r"\s+", " ", _clean(child))
            if text:
                yield text, bold, italic, shade
        elif child.tag in SKIP or child.tag == "img":
            continue
        elif child.tag == "br":
            yield "\n", bold, italic, None
        elif child.tag in ("p", "div", "li", "ul", "ol", "h3", "h4"):  # blocks inside a table cell: new lines
            yield "\n", bold, italic, None
            yield from _runs(child, bold or child.tag in ("h3", "h4"), italic, shade)
        else:
            yield from _runs(child, bold or child.tag in ("strong", "b", "th"), italic or child.tag in ("em", "i"),
                             _colours(child) or shade)


def _text(node) -> str:
    return re.sub(r"[ \t]+", " ", "".join(piece[0] for piece in _runs(node))).strip()


def _fill(paragraph, pieces) -> None:
    pieces = [p if len(p) == 4 else (*p, None) for p in pieces]
    while pieces and not pieces[0][0].strip():  # no leading or trailing spaces and breaks
        pieces.pop(0)
    while pieces and not pieces[-1][0].strip():
        pieces.pop()
    if pieces:
        pieces[0] = (pieces[0][0].lstrip(), *pieces[0][1:])
        pieces[-1] = (pieces[-1][0].rstrip(), *pieces[-1][1:])
    for text, bold, italic, shade in pieces:
        if text == "\n":
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(_clean(text))
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if shade:
            fill = OxmlElement("w:shd")
            fill.set(qn("w:val"), "clear")
            fill.set(qn("w:color"), "auto")
            fill.set(qn("w:fill"), shade[0])
            run._r.get_or_add_rPr().append(fill)
            run.font.color.rgb = RGBColor.from_string(shade[1])


class _Writer:
    def __init__(self):
        self.doc = docx.Document()
        self._styles()
        self.figures = 0
        self.tables = 0

    def _styles(self) -> None:
        styles = self.doc.styles
        for name, (base, bold, size, after) in STYLES.items():
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles[base]
            style.quick_style = True
            style.font.bold = bold or None
            if size:
                style.font.size = Pt(size)
            style.paragraph_format.space_after = Pt(after)
        rpr = styles["Normal"].element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LANGUAGE)
        rpr.append(lang)
        for default in styles.element.iter(qn("w:lang")):  # the document defaults too (python-docx's template says en-US)
            default.set(qn("w:val"), LANGUAGE)
        self.doc.core_properties.language = LANGUAGE

    # -- blocks --------------------------------------------------------------------------------------------------------

    def block(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    _fill(self.doc.add_paragraph(), [(re.sub(r"\s+", " ", child), False, False, None)])
                continue
            tag = child.tag
            if tag in SKIP or "skip-link" in child.classes():
                continue
            if re.fullmatch(r"h[1-6]", tag):
                level = min(int(tag[1]), 4)
                heading = self.doc.add_heading(level=level)
                _fill(heading, _runs(child))
            elif tag == "p":
                style = next((CLASS_STYLES[c] for c in child.classes() if c in CLASS_STYLES), None)
                _fill(self.doc.add_paragraph(style=style), _runs(child))
            elif tag in ("ul", "ol"):
                style = "List Number" if tag == "ol" else "List Bullet"
                for item in child.children:
                    if isinstance(item, Node) and item.tag == "li":
                        _fill(self.doc.add_paragraph(style=style), _runs(item))
            elif tag == "table":
                self.table(child)
            elif tag == "figure":
                self.figure(child)
            elif tag == "img":
                self.image(child)
            elif tag in ("figcaption", "caption"):
                _fill(self.doc.add_paragraph(style="Caption"), _runs(child))
            elif tag in ("pre", "blockquote"):
                _fill(self.doc.add_paragraph(), _runs(child))
            elif tag in BLOCKS or tag not in ("a", "span", "strong", "em", "b", "i", "code", "small", "abbr", "bdi"):
                self.block(child)
            else:  # stray inline element between blocks
                text = list(_runs(Node("x", children=[child])))
                if "".join(piece[0] for piece in text).strip():
                    _fill(self.doc.add_paragraph(), text)

    def figure(self, node: Node) -> None:
        caption = next((c for c in node.children if isinstance(c, Node) and c.tag == "figcaption"), None)
        for img in node.find_all("img"):
            self.image(img)
        if caption is not None:
            _fill(self.doc.add_paragraph(style="Caption"), _runs(caption))

    def image(self, node: Node) -> None:
        src = node.attrs.get("src") or ""
        alt = node.attrs.get("alt") or ""
        m = re.match(r"data:image/(png|jpeg|jpg|gif);base64,(.*)", src, re.S)
        if not m:  # perfkit pages embed every image; anything else is said aloud, not dropped silently
            if alt:
                _fill(self.doc.add_paragraph(style="Figure"), [(f"[Image: {alt}]", False, True, None)])
            return
        paragraph = self.doc.add_paragraph(style="Figure")
        try:
            data = base64.b64decode(m.group(2), validate=False)
            shape = paragraph.add_run().add_picture(io.BytesIO(data))
        except Exception:  # noqa: BLE001 - a damaged picture: its alt text stands in, said aloud
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)
            _fill(paragraph, [(f"[Image: {alt}]", False, True, None)])
            return
        if shape.width > Cm(MAX_WIDTH_CM):
            ratio = Cm(MAX_WIDTH_CM) / shape.width
            shape.width, shape.height = Cm(MAX_WIDTH_CM), Emu(int(shape.height * ratio))
        self.figures += 1
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", _clean(alt))
        doc_pr.set("title", f"Chart {self.figures}")

    def table(self, node: Node) -> None:
        caption = next((c for c in node.children if isinstance(c, Node) and c.tag == "caption"), None)
        rows, heads = [], []
        for section in [node] + [c for c in node.children if isinstance(c, Node) and c.tag in ("thead", "tbody", "tfoot")]:
            for tr in (c for c in section.children if isinstance(c, Node) and c.tag == "tr"):
                cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")]
                if cells:
                    rows.append(cells)
                    heads.append(section.tag == "thead")
        if not rows:
            return
        if not any(heads):  # no <thead>: the leading rows of header cells are the header
            for i, cells in enumerate(rows):
                if all(c.tag == "th" for c in cells):
                    heads[i] = True
                else:
                    break
        width = max(sum(_span(c) for c in cells) for cells in rows)
        if caption is not None:
            para = self.doc.add_paragraph(style="Caption")
            _fill(para, _runs(caption))
            para.paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=0, cols=width)
        table.style = self.doc.styles["Table Grid"]
        self.tables += 1
        section = self.doc.sections[-1]
        col_w = int((section.page_width - section.left_margin - section.right_margin) / 635 / width)  # twips
        # Rows are written as WordprocessingML directly: python-docx's cell objects take a minute on 3,000 rows.
        body = "".join(_row_xml(cells, head, width, col_w) for cells, head in zip(rows, heads))

        table._tbl.extend(list(parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>")))
        self.doc.add_paragraph()


def _clean(text: str) -> str:
    """Text Word's XML can hold, with nothing that steers a terminal: C0 and C1 control characters (other than tab and
    newline) removed."""
    return _CONTROL.sub("", text)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")  # C0 (but tab and newline), DEL and C1


def _runs_xml(pieces) -> str:
    """WordprocessingML runs for inline pieces (see :func:`_runs`), trimmed like :func:`_fill`."""
    pieces = [p for p in pieces]
    while pieces and not pieces[0][0].strip():
        pieces.pop(0)
    while pieces and not pieces[-1][0].strip():
        pieces.pop()
    if pieces:
        pieces[0] = (pieces[0][0].lstrip(), *pieces[0][1:])
        pieces[-1] = (pieces[-1][0].rstrip(), *pieces[-1][1:])
    out = []
    line_start = True
    for text, bold, italic, shade in pieces:
        if text == "\n":
            out.append("<w:r><w:br/></w:r>")
            line_start = True
            continue
        if line_start and text:
            text = cell_line(text)
            line_start = False
        props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        if shade:
            props += f'<w:color w:val="{shade[1]}"/><w:shd w:val="clear" w:color="auto" w:fill="{shade[0]}"/>'
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{_xml_escape(_clean(text))}</w:t></w:r>')
    return "".join(out)


def cell_line(text: str) -> str:
    """The start of a line in a table cell, safe to paste into a spreadsheet: text that would start a formula gets a
    leading ``'``, as in the CSVs and the appendix (:func:`perfkit.read.safety.neutralise`); a plain number (``-5.2``,
    ``+3%``) stays as it is.

    Examples
    --------
    >>> cell_line("=HYPERLINK(1)"), cell_line("-5.2"), cell_line("+3%"), cell_line("On track")
    ("'=HYPERLINK(1)", '-5.2', '+3%', 'On track')
    """
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text.strip()):
        return "'" + text
    return text


#: A number as a table writes it, which no spreadsheet reads as a formula.
PLAIN_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?%?")


def _row_xml(cells, head: bool, width: int, col_w: int) -> str:
    flags = "<w:cantSplit/>" + ('<w:tblHeader/>' if head else "")
    out, c = [f"<w:tr><w:trPr>{flags}</w:trPr>"], 0
    for cell in cells:
        if c >= width:
            break
        span = min(_span(cell), width - c)
        grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        align = '<w:pPr><w:jc w:val="right"/></w:pPr>' if "num" in cell.classes() else ""
        runs = _runs_xml(_runs(cell, bold=cell.tag == "th"))
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{col_w * span}" w:type="dxa"/>{grid}</w:tcPr><w:p>{align}{runs}</w:p></w:tc>')
        c += span
    if c < width:  # a short row: fill it, as Word expects every row to cover the grid
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{col_w * (width - c)}" w:type="dxa"/>'
                   f'{f"<w:gridSpan w:val={chr(34)}{width - c}{chr(34)}/>" if width - c > 1 else ""}</w:tcPr><w:p/></w:tc>')
    out.append("</w:tr>")
    return "".join(out)


def _span(cell: Node) -> int:
    try:
        return max(1, int(cell.attrs.get("colspan") or 1))
    except ValueError:
        return 1


def to_docx(html: str):
    """The briefing's HTML page as a ``docx.Document`` (see the module's notes).

    Examples
    --------
    >>> doc = to_docx("<html><body><main><h1>Briefing</h1><p>30 of 38 on track</p></main></body></html>")
    >>> [(p.style.name, p.text) for p in doc.paragraphs]
    [('Heading 1', 'Briefing'), ('Normal', '30 of 38 on track')]
    """
    writer = _Writer()
    root = parse(html)
    title = next(root.find_all("title"), None)
    main = next(root.find_all("main"), None) or next(root.find_all("body"), None) or root
    writer.block(main)
    if title is not None:
        writer.doc.core_properties.title = _clean(_text(title))[:255]
    writer.doc.core_properties.author = ""
    writer.doc.core_properties.comments = ""
    return writer.doc


def write_docx(html: str, path, *, overwrite: bool = True) -> Path:
    """Write the briefing's HTML page as a Word document, atomically.

    Parameters
    ----------
    html : str
        The briefing page (as written by ``perfkit brief``).
    path : str or Path
        Where to write the ``.docx``.
    overwrite : bool
        Replace an existing file (else :class:`FileExistsError`).

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> write_docx("<main><h1>Briefing</h1></main>", "/tmp/briefing.docx")  # doctest: +SKIP
    PosixPath('/tmp/briefing.docx')
    """
    doc = to_docx(html)
    path = Path(path)
    with atomic_path(path, overwrite=overwrite) as part:
        doc.save(str(part))
    return path
