"""The text inside a document file: plain text, PDF, DOCX, HTML or Markdown.

Each format is read by a maintained library (pypdf, python-docx, BeautifulSoup,
Python-Markdown; plain text by charset-normalizer after a BOM and strict UTF-8).
The result is plain text with one line per block (a PDF keeps its own line
breaks), which :mod:`qa.ingest.paragraphs` then rebuilds into paragraphs exactly
as it does for the seed extractions. A PDF also gives where each page starts, so
a citation can name its page. A file the library cannot read, or a PDF without a
text layer (a scan), raises :class:`ExtractionError` with a reason users read.
"""
from __future__ import annotations

import codecs
import enum
import io
import logging
import re
from dataclasses import dataclass

__all__ = ["ExtractionError", "Extracted", "Format", "SUFFIXES", "decode", "extract", "format_of"]

log = logging.getLogger(__name__)
# pypdf logs every recoverable flaw of a user's PDF as a warning; a file it cannot
# read is reported by this module in one line instead
logging.getLogger("pypdf").setLevel(logging.ERROR)


class Format(str, enum.Enum):
    """A document file format (the value is what the manifest and the UI show)."""

    TEXT = "text"
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"
    MARKDOWN = "markdown"

    @property
    def marks_paragraphs(self) -> bool:
        """True when each extracted line is a paragraph of the file (Word, HTML, Markdown);
        plain text and PDF lines are wrapped and joined back."""
        return self in (Format.DOCX, Format.HTML, Format.MARKDOWN)


#: the file suffixes read (compared in lower case) and their formats
SUFFIXES: dict[str, Format] = {
    ".txt": Format.TEXT, ".pdf": Format.PDF, ".docx": Format.DOCX,
    ".html": Format.HTML, ".htm": Format.HTML, ".md": Format.MARKDOWN, ".markdown": Format.MARKDOWN,
}
#: byte-order marks, longest first (a UTF-32 LE mark starts like a UTF-16 LE one)
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: what text that is not UTF-8 may be in; charset-normalizer picks among them
LEGACY_ENCODINGS = ("gb18030", "big5", "utf_16", "utf_32")
#: a PDF with fewer non-blank characters per page than this has no usable text
#: layer (a scan); a page of the seed reports holds 600-900
MIN_PDF_CHARS_PER_PAGE = 20
#: HTML elements whose text is not content
HTML_SKIP = ("script", "style", "noscript", "template", "svg", "head")
#: HTML elements that start a new line (everything else is inline)
HTML_BLOCKS = (
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4",
    "h5", "h6", "li", "dt", "dd", "tr", "caption", "figcaption", "blockquote", "pre", "table", "ul", "ol",
    "dl", "hr", "title", "address",
)
#: HTML table cells: separated by a space within their row
HTML_CELLS = ("td", "th")
SPACES = re.compile(r"[ \t\r\n\f\v]+")


class ExtractionError(ValueError):
    """A file whose text cannot be read; ``str(error)`` is the reason in Chinese."""


@dataclass(frozen=True)
class Extracted:
    """The text of one file.

    Attributes:
        text: the text, lines separated by ``\\n``.
        encoding: the text encoding for text formats ("utf-8", "gb18030" ...), else "".
        pages: for a PDF, the offset in ``text`` where each page starts (page 1 first).
    """

    text: str
    encoding: str = ""
    pages: tuple[int, ...] = ()


def format_of(name: str) -> Format | None:
    """The format of a file name by its suffix (None: not a document)."""
    dot = name.rfind(".")
    return SUFFIXES.get(name[dot:].lower()) if dot > 0 else None


def decode(data: bytes) -> tuple[str, str]:
    """The text of a text file and the encoding it is in.

    A byte-order mark decides; else UTF-8 if the bytes are valid UTF-8; else the
    best of :data:`LEGACY_ENCODINGS` by charset-normalizer. A short GB text also
    passes for Big5: documents of the mainland are GB, so GB18030 wins when it fits.

    Raises:
        UnicodeError: no encoding fits.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # noqa: PLC0415 - only for non-UTF-8 files

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise UnicodeError("no known encoding fits")
    if best.encoding == "big5":
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding


def extract(fmt: Format, data: bytes) -> Extracted:
    """The text of a file's bytes in the given format.

    Args:
        fmt: the file's format.
        data: its content.
    Returns:
        The text (with page starts for a PDF).
    Raises:
        ExtractionError: the file is damaged, encrypted, a scan or in no known encoding.
    """
    if fmt is Format.TEXT:
        return Extracted(*_decoded(data))
    if fmt is Format.MARKDOWN:
        import markdown  # noqa: PLC0415 - only for Markdown files

        text, encoding = _decoded(data)
        return Extracted(html_text(markdown.markdown(text, extensions=["tables"])), encoding)
    if fmt is Format.HTML:
        return Extracted(html_text(data))
    if fmt is Format.DOCX:
        return Extracted(_docx_text(data))
    if fmt is Format.PDF:
        return _pdf(data)
    raise ValueError(f"unknown format {fmt!r}")


def _decoded(data: bytes) -> tuple[str, str]:
    try:
        return decode(data)
    except UnicodeError:
        raise ExtractionError("不是可识别的文本（支持 UTF-8、GB18030/GBK、UTF-16 编码）") from None


def html_text(markup: str | bytes) -> str:
    """The visible text of an HTML page: one line per block element, inline runs joined.

    Whitespace inside a block is collapsed as a browser does; ``<br>`` breaks a line.
    Bytes are decoded as the page declares (BeautifulSoup's detection).
    """
    from bs4 import BeautifulSoup, NavigableString  # noqa: PLC0415 - only for HTML files

    soup = BeautifulSoup(markup, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(HTML_SKIP):
        tag.decompose()
    for text in soup.find_all(string=True):
        if type(text) is not NavigableString:  # doctype, comment, CDATA, processing instruction
            text.extract()
        elif text.find_parent("pre") is None:
            text.replace_with(NavigableString(SPACES.sub(" ", str(text))))
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for tag in soup.find_all(HTML_BLOCKS):
        tag.insert_before(NavigableString("\n"))
        tag.insert_after(NavigableString("\n"))
    for tag in soup.find_all(HTML_CELLS):
        tag.insert_after(NavigableString(" "))
    lines = [line.strip() for line in soup.get_text("").split("\n")]
    body = [line for line in lines if line]
    if title and (not body or body[0] != title):
        body.insert(0, title)
    return "\n".join(body)


def _docx_text(data: bytes) -> str:
    """The paragraphs and table rows of a Word file in document order, one per line."""
    import docx  # noqa: PLC0415 - only for Word files
    from docx.table import Table  # noqa: PLC0415

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells = [c.text.strip() for c in row.cells]
                    # merged cells repeat: keep each distinct neighbour once
                    kept = [c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1])]
                    lines.append(" ".join(kept))
            else:
                lines.append(block.text.strip())
    except Exception as exc:  # noqa: BLE001 - any failure of the parser on an untrusted file
        log.info("python-docx could not read the file: %r", exc)
        raise ExtractionError("不是有效的 Word（.docx）文件，或文件已损坏") from None
    return "\n".join(line for line in lines if line)


def _pdf(data: bytes) -> Extracted:
    """The text layer of a PDF, page by page, with where each page starts."""
    from pypdf import PdfReader  # noqa: PLC0415 - only for PDF files

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("PDF 受密码保护，无法读取")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of the parser on an untrusted file
        log.info("pypdf could not read the file: %r", exc)
        raise ExtractionError("不是有效的 PDF 文件，或文件已损坏") from None
    if not pages:
        raise ExtractionError("PDF 没有页面")
    starts: list[int] = []
    parts: list[str] = []
    offset = 0
    for page in pages:
        text = page.replace("\r\n", "\n").replace("\r", "\n").rstrip()
        starts.append(offset)
        parts.append(text)
        offset += len(text) + 1
    text = "\n".join(parts)
    if sum(not ch.isspace() for ch in text) < MIN_PDF_CHARS_PER_PAGE * len(pages):
        raise ExtractionError(f"PDF 没有可用的文字层（{len(pages)} 页，可能是扫描件；暂不支持 OCR，"
                              "请上传带文字的 PDF 或文本）")
    return Extracted(text, "", tuple(starts))
