"""Real PDF, DOCX, HTML and Markdown files made from seed text, for the format tests.

The files are written by the libraries people's own tools resemble: reportlab
lays the paragraphs out on A4 pages with its built-in Chinese CID font
(STSong-Light, no font file needed) and wraps the lines itself, so the PDF's text
layer has hard line breaks and page breaks like the seed extractions;
python-docx writes one Word paragraph per paragraph.
"""
from __future__ import annotations

import html
from pathlib import Path


def write_pdf(paragraphs: list[str], path: Path, title: str = "") -> Path:
    """An A4 PDF with a text layer, one reportlab paragraph per paragraph."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    story = [Paragraph(html.escape(text), style) for text in paragraphs]
    SimpleDocTemplate(str(path), pagesize=A4, title=title).build(story)
    return path


def write_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """A PDF whose pages hold only drawings, no text layer (as a scan has)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        pdf.rect(50, 50, 400, 600, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def write_docx(paragraphs: list[str], path: Path) -> Path:
    """A Word file, one paragraph per paragraph."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def write_html(paragraphs: list[str], path: Path, title: str = "") -> Path:
    """An HTML page, one <p> per paragraph, with inline markup inside the first one."""
    body = "\n".join(f"<p>{html.escape(t)}</p>" for t in paragraphs)
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
                    f"<style>p {{margin: 0}}</style></head><body>\n{body}\n</body></html>", encoding="utf-8")
    return path


def write_markdown(paragraphs: list[str], path: Path) -> Path:
    """A Markdown file, paragraphs separated by blank lines."""
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path
