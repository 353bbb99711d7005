"""The corpus folder: every document file in it is a document.

A document is a plain-text, PDF, Word (.docx), HTML or Markdown file (the suffix
in any case: ``a.TXT`` too; see :mod:`qa.ingest.formats`). Text is read in UTF-8
(with or without BOM), GB18030/GBK or UTF-16/32 (detected with charset-normalizer
and recorded). The text of the other formats is extracted once and stored,
keyed by the file's sha256, in the extraction folder beside the index, so that
citation spans keep pointing at the same text even if the extracting library
changes; the original file stays in the corpus. A file that is empty, binary
(NUL bytes or many control characters), larger than the size limit, damaged, a
scanned PDF, in no known encoding or unreadable is skipped with its reason,
which the build report, the log and the UI show. Sub-folders are ignored with a
warning unless the corpus is read recursively; a document in a sub-folder is
named by its path inside the corpus (``2024/report.pdf``).
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import CorpusError
from ..files import atomic_write
from .formats import SUFFIXES, Extracted, ExtractionError, Format, extract, format_of

__all__ = ["Corpus", "CorpusError", "Document", "Skipped"]

log = logging.getLogger(__name__)

#: a text with a larger share of control characters (other than line breaks and tabs) is binary
MAX_CONTROL_SHARE = 0.01
#: control characters that plain text does hold
TEXT_CONTROLS = frozenset("\n\r\t\f\v")
MB = 1024 * 1024
#: the version of the stored extraction records (a record of another version is extracted again)
EXTRACTED_FORMAT = 1
#: the suffixes named in messages
SUFFIX_LIST = "、".join(sorted({s.lstrip(".") for s in SUFFIXES}))


@dataclass(frozen=True)
class Document:
    """One source file."""

    name: str
    path: Path
    text: str
    sha256: str
    #: the encoding a text file was read with ("utf-8", "gb18030", "utf-16" ...); "" for PDF/DOCX/HTML
    encoding: str = "utf-8"
    #: the file format
    format: Format = Format.TEXT
    #: for a PDF, the offset in ``text`` where each page starts
    pages: tuple[int, ...] = ()

    @property
    def kind(self) -> str:
        """What the file is, for people: "GB18030", "PDF，4页", "DOCX"."""
        if self.format is Format.PDF:
            return f"PDF，{len(self.pages)}页"
        if self.format is Format.TEXT:
            return self.encoding.upper().replace("_", "-")
        return self.format.value.upper()


@dataclass(frozen=True)
class Skipped:
    """A file (or folder) that could not be used, and why."""

    name: str
    reason: str


def is_document(path: Path) -> bool:
    """True for a file name the corpus reads (a known suffix in any case, not hidden)."""
    return format_of(path.name) is not None and not path.name.startswith(".")


class Corpus:
    """Reads, adds and removes the documents of one folder.

    Args:
        folder: the corpus folder.
        max_bytes: the largest file accepted.
        recursive: read sub-folders too (else they are reported as skipped).
        extracted: the folder that stores the text extracted from PDF/DOCX/HTML/Markdown
            files (None: extract on every read, store nothing).
    """

    def __init__(self, folder: Path, max_bytes: int = 5 * MB, recursive: bool = False,
                 extracted: Path | None = None):
        if max_bytes < 1:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self.recursive = recursive
        self.extracted = Path(extracted) if extracted is not None else None

    # ----------------------------------------------------------- reading
    def read(self, path: Path, name: str | None = None) -> Document | Skipped:
        """Read one file as a document.

        Args:
            path: the file.
            name: the document's name (default: the file name).
        Returns:
            The document, or why it was skipped (not a document format, too big,
            unreadable, damaged, a scan, binary, in no known encoding, empty).
        """
        name = name or path.name
        fmt = format_of(path.name)
        if fmt is None:
            return Skipped(name, f"不是支持的文档格式（支持 {SUFFIX_LIST}）")
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                return Skipped(name, f"文件太大（{size / MB:.1f} MB，上限 {self.max_bytes / MB:g} MB，"
                                     "可用 QA_MAX_DOCUMENT_MB 调整）")
            data = path.read_bytes()
        except OSError as exc:
            return Skipped(name, f"无法读取（{exc.strerror or exc}）")
        sha256 = hashlib.sha256(data).hexdigest()
        try:
            extracted = self._extract(fmt, data, sha256)
        except ExtractionError as exc:
            return Skipped(name, str(exc))
        text = extracted.text
        if "\x00" in text:
            return Skipped(name, "含有二进制内容（NUL 字节），不是文本文件")
        if not text.strip():
            return Skipped(name, "是空文件" if fmt is Format.TEXT else "没有文字内容")
        controls = sum(1 for ch in text if ch not in TEXT_CONTROLS and unicodedata.category(ch) == "Cc")
        if controls > MAX_CONTROL_SHARE * len(text):
            return Skipped(name, f"含有大量控制字符（{controls} 个），不像文本文件")
        # offsets are kept in the original text; only \r\n is folded, length-preserving
        text = text.replace("\r\n", " \n").replace("\r", "\n")
        if extracted.encoding not in ("utf-8", ""):
            log.info("read %s as %s", name, extracted.encoding)
        return Document(name, path, text, sha256, extracted.encoding, fmt, extracted.pages)

    def _extract(self, fmt: Format, data: bytes, sha256: str) -> Extracted:
        """The file's text: decoded for plain text, else the stored extraction of these
        bytes, extracting (and storing) it the first time.

        Raises:
            ExtractionError: the file cannot be read.
        """
        if fmt is Format.TEXT or self.extracted is None:
            return extract(fmt, data)
        stored = self.extracted / f"{sha256}.json"
        try:
            record = json.loads(stored.read_text(encoding="utf-8"))
            if record.get("version") == EXTRACTED_FORMAT and record.get("format") == fmt.value:
                return Extracted(str(record["text"]), str(record["encoding"]), tuple(map(int, record["pages"])))
        except FileNotFoundError:
            pass
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("stored text %s is damaged (%s); extracting again", stored.name, exc)
        extracted = extract(fmt, data)
        record = {"version": EXTRACTED_FORMAT, "format": fmt.value, "encoding": extracted.encoding,
                  "pages": list(extracted.pages), "text": extracted.text}
        try:
            self.extracted.mkdir(parents=True, exist_ok=True)
            atomic_write(stored, lambda tmp: tmp.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8"))
        except OSError as exc:  # a read-only index folder: the text is still used, just not stored
            log.warning("could not store the extracted text of a %s file: %s", fmt.value, exc)
        return extracted

    def prune_extracted(self, keep: set[str]) -> list[str]:
        """Delete stored extractions of files no longer in the corpus (and unfinished writes).

        Args:
            keep: sha256 of the documents in the corpus.
        Returns:
            The file names removed.
        """
        if self.extracted is None or not self.extracted.is_dir():
            return []
        removed = []
        for path in self.extracted.iterdir():  # stored texts, and temp files of interrupted writes
            if path.is_file() and (path.name.startswith(".") or path.stem not in keep):
                path.unlink(missing_ok=True)
                removed.append(path.name)
        return removed

    def load(self) -> tuple[list[Document], list[Skipped]]:
        """Read every document, sorted by name.

        Returns:
            (documents, skipped files and folders). Each skipped one is logged as a warning.
        Raises:
            CorpusError: the folder does not exist or holds no usable document.
        """
        if not self.folder.is_dir():
            raise CorpusError(f"corpus folder {self.folder} does not exist (set QA_CORPUS_DIR or --corpus)")
        documents: list[Document] = []
        skipped: list[Skipped] = []
        for path, name in self._files():
            result = self.read(path, name)
            (documents if isinstance(result, Document) else skipped).append(result)
        skipped += self.ignored_folders()
        for s in skipped:
            log.warning("skipping %s: %s", s.name, s.reason)
        if not documents:
            detail = f" ({len(skipped)} skipped)" if skipped else ""
            raise CorpusError(f"corpus folder {self.folder} has no usable document ({SUFFIX_LIST}){detail}")
        return documents, skipped

    def _files(self) -> list[tuple[Path, str]]:
        """(path, document name) of every document file, sorted by name (hidden files and
        folders left out; sub-folders only when recursive)."""
        paths = self.folder.rglob("*") if self.recursive else self.folder.iterdir()
        found = []
        for path in paths:
            name = path.relative_to(self.folder)
            if not any(part.startswith(".") for part in name.parts) and path.is_file() and is_document(path):
                found.append((path, name.as_posix()))
        return sorted(found, key=lambda item: item[1])

    def ignored_folders(self) -> list[Skipped]:
        """The sub-folders a non-recursive corpus does not read."""
        if self.recursive or not self.folder.is_dir():
            return []
        return [Skipped(f"{p.name}/", "是子文件夹，未索引（设置 QA_CORPUS_RECURSIVE=1 可包含子文件夹）")
                for p in sorted(self.folder.iterdir()) if p.is_dir() and not p.name.startswith(".")]

    def path(self, name: str) -> Path:
        """The file of the document called ``name``.

        Raises:
            CorpusError: the name leaves the corpus folder or there is no such document.
        """
        parts = PurePosixPath(name).parts
        if not parts or PurePosixPath(name).is_absolute() or any(p in ("..", ".") for p in parts) or "\\" in name:
            raise CorpusError(f"no document named {name!r} in the corpus")
        path = self.folder.joinpath(*parts)
        if not path.is_file() or (len(parts) > 1 and not self.recursive):
            raise CorpusError(f"no document named {name!r} in the corpus")
        return path

    def text(self, name: str) -> str:
        """The original text of one document.

        Raises:
            CorpusError: no such document, or it can no longer be read.
        """
        checked = self.read(self.path(name), name)
        if isinstance(checked, Skipped):
            raise CorpusError(f"文档 {name}：{checked.reason}")
        return checked.text

    # ----------------------------------------------------------- changing
    def add(self, paths: list[Path]) -> tuple[list[str], list[Skipped]]:
        """Copy readable document files into the corpus folder (an existing name is replaced;
        the suffix is stored in lower case).

        A file that is not a usable document is refused with a reason; each copy
        is written to a temp name first and renamed into place.

        Args:
            paths: the files to add.
        Returns:
            (names added, refused files).
        """
        self.folder.mkdir(parents=True, exist_ok=True)
        added: list[str] = []
        refused: list[Skipped] = []
        for path in map(Path, paths):
            checked = self.read(path, path.name)
            if isinstance(checked, Skipped):
                refused.append(checked)
                continue
            target = self.folder / (path.stem + path.suffix.lower())
            tmp = target.with_name(f".{target.name}.upload")
            shutil.copyfile(path, tmp)
            tmp.replace(target)
            added.append(target.name)
        return added, refused

    def remove(self, name: str) -> None:
        """Delete one document file.

        Raises:
            CorpusError: no such document.
        """
        self.path(name).unlink()
