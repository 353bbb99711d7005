"""The corpus folder: every text file in it is a document.

A document is a ``.txt`` file (the suffix in any case: ``a.TXT`` too) holding
text in UTF-8 (with or without BOM), GB18030/GBK or UTF-16/32 (detected with
charset-normalizer and recorded). A file that is empty, binary (NUL bytes or
many control characters), larger than the size limit, in no known encoding or
unreadable is skipped with its reason, which the build report, the log and the
UI show. Sub-folders
are ignored with a warning unless the corpus is read recursively; a document in
a sub-folder is named by its path inside the corpus (``2024/report.txt``).
"""
from __future__ import annotations

import codecs
import hashlib
import logging
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import CorpusError

__all__ = ["Corpus", "CorpusError", "Document", "Skipped"]

log = logging.getLogger(__name__)

#: the suffix of a document file (compared in lower case)
SUFFIX = ".txt"
#: a text with a larger share of control characters (other than line breaks and tabs) is binary
MAX_CONTROL_SHARE = 0.01
#: control characters that plain text does hold
TEXT_CONTROLS = frozenset("\n\r\t\f\v")
MB = 1024 * 1024
#: byte-order marks, longest first (a UTF-32 LE mark starts like a UTF-16 LE one)
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: what text that is not UTF-8 may be in; charset-normalizer picks among them
LEGACY_ENCODINGS = ("gb18030", "big5", "utf_16", "utf_32")


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it is in.

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


@dataclass(frozen=True)
class Document:
    """One source file."""

    name: str
    path: Path
    text: str
    sha256: str
    #: the encoding the file was read with ("utf-8", "gb18030", "utf-16" ...)
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Skipped:
    """A file (or folder) that could not be used, and why."""

    name: str
    reason: str


def is_document(path: Path) -> bool:
    """True for a file name the corpus reads (``.txt`` in any case, not hidden)."""
    return path.suffix.lower() == SUFFIX and not path.name.startswith(".")


class Corpus:
    """Reads, adds and removes the documents of one folder.

    Args:
        folder: the corpus folder.
        max_bytes: the largest file accepted.
        recursive: read sub-folders too (else they are reported as skipped).
    """

    def __init__(self, folder: Path, max_bytes: int = 5 * MB, recursive: bool = False):
        if max_bytes < 1:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self.recursive = recursive

    # ----------------------------------------------------------- reading
    def read(self, path: Path, name: str | None = None) -> Document | Skipped:
        """Read one file as a document.

        Args:
            path: the file.
            name: the document's name (default: the file name).
        Returns:
            The document, or why it was skipped (too big, unreadable, binary, not UTF-8, empty).
        """
        name = name or path.name
        try:
            size = path.stat().st_size
            if size > self.max_bytes:
                return Skipped(name, f"文件太大（{size / MB:.1f} MB，上限 {self.max_bytes / MB:g} MB，"
                                     "可用 QA_MAX_DOCUMENT_MB 调整）")
            data = path.read_bytes()
        except OSError as exc:
            return Skipped(name, f"无法读取（{exc.strerror or exc}）")
        try:
            text, encoding = decode(data)
        except UnicodeError:
            return Skipped(name, "不是可识别的文本（支持 UTF-8、GB18030/GBK、UTF-16 编码）")
        if "\x00" in text:
            return Skipped(name, "含有二进制内容（NUL 字节），不是文本文件")
        if not text.strip():
            return Skipped(name, "是空文件")
        controls = sum(1 for ch in text if ch not in TEXT_CONTROLS and unicodedata.category(ch) == "Cc")
        if controls > MAX_CONTROL_SHARE * len(text):
            return Skipped(name, f"含有大量控制字符（{controls} 个），不像文本文件")
        # offsets are kept in the original text; only \r\n is folded, length-preserving
        text = text.replace("\r\n", " \n").replace("\r", "\n")
        if encoding != "utf-8":
            log.info("read %s as %s", name, encoding)
        return Document(name, path, text, hashlib.sha256(data).hexdigest(), encoding)

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
            raise CorpusError(f"corpus folder {self.folder} has no usable .txt document{detail}")
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
        """Copy readable document files into the corpus folder (an existing name is replaced).

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
            name = path.name
            if path.suffix.lower() != SUFFIX:
                refused.append(Skipped(name, "不是 .txt 文本文件"))
                continue
            checked = self.read(path, name)
            if isinstance(checked, Skipped):
                refused.append(checked)
                continue
            target = self.folder / (path.stem + SUFFIX)
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
