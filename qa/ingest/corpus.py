"""The corpus folder: every UTF-8 ``.txt`` file in it is a document."""
from __future__ import annotations

import hashlib
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError

__all__ = ["CorpusError", "Document", "Skipped", "add_files", "load_corpus", "read_document", "remove_file"]

log = logging.getLogger(__name__)

#: the largest document accepted (bytes); a bigger file is skipped with a warning
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """One source file."""

    name: str
    path: Path
    text: str
    sha256: str


@dataclass(frozen=True)
class Skipped:
    """A file that could not be used, and why."""

    name: str
    reason: str


def read_document(path: Path) -> Document | Skipped:
    """Read one file as a document.

    Args:
        path: a ``.txt`` file.
    Returns:
        The document, or why it was skipped (not UTF-8, empty, too big, unreadable).
    """
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            return Skipped(path.name, f"超过 {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as exc:
        return Skipped(path.name, f"无法读取（{exc.strerror or exc}）")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(path.name, f"不是有效的 UTF-8 文本（第 {exc.start} 字节出错）")
    if not text.strip():
        return Skipped(path.name, "是空文件")
    # offsets are kept in the original text; only \r\n is folded, length-preserving
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return Document(path.name, path, text, hashlib.sha256(data).hexdigest())


def load_corpus(folder: Path) -> tuple[list[Document], list[Skipped]]:
    """Read every ``.txt`` file in ``folder`` (not recursive), sorted by name.

    Args:
        folder: the corpus folder.
    Returns:
        (documents, skipped files). Each skipped file is logged as a warning.
    Raises:
        CorpusError: the folder does not exist or has no ``.txt`` file.
    """
    if not folder.is_dir():
        raise CorpusError(f"corpus folder {folder} does not exist (set QA_CORPUS_DIR or --corpus)")
    documents: list[Document] = []
    skipped: list[Skipped] = []
    for path in sorted(folder.glob("*.txt")):
        if not path.is_file():
            continue
        result = read_document(path)
        if isinstance(result, Skipped):
            log.warning("skipping %s: %s", result.name, result.reason)
            skipped.append(result)
        else:
            documents.append(result)
    if not documents:
        detail = f" ({len(skipped)} file(s) skipped)" if skipped else ""
        raise CorpusError(f"corpus folder {folder} has no usable UTF-8 .txt document{detail}")
    return documents, skipped


def add_files(folder: Path, paths: list[Path]) -> tuple[list[str], list[Skipped]]:
    """Copy readable ``.txt`` files into the corpus folder (an existing name is replaced).

    A file that is not UTF-8 text, is empty or unreadable is refused with a
    reason; each copy is written to a temp name first and renamed into place.

    Args:
        folder: the corpus folder (created if missing).
        paths: the files to add.
    Returns:
        (names added, refused files).
    """
    folder.mkdir(parents=True, exist_ok=True)
    added: list[str] = []
    refused: list[Skipped] = []
    for path in paths:
        name = Path(path).name
        if not name.lower().endswith(".txt"):
            refused.append(Skipped(name, "不是 .txt 文本文件"))
            continue
        checked = read_document(Path(path))
        if isinstance(checked, Skipped):
            refused.append(Skipped(name, checked.reason))
            continue
        target = folder / (name[:-4] + ".txt")
        tmp = target.with_name(f".{target.name}.upload")
        shutil.copyfile(path, tmp)
        tmp.replace(target)
        added.append(target.name)
    return added, refused


def remove_file(folder: Path, name: str) -> None:
    """Delete one document file from the corpus folder.

    Args:
        folder: the corpus folder.
        name: the document's file name (any folder part is ignored).
    Raises:
        CorpusError: no such document.
    """
    path = folder / Path(name).name
    if not path.is_file():
        raise CorpusError(f"no document named {name!r} in the corpus")
    path.unlink()
