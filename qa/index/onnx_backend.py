"""The embedding model on ONNX Runtime: exported once from the local folder, fp32 or int8.

sentence-transformers' own ONNX backend needs ``optimum``, whose ONNX exporter
pins transformers below 5 (it downgrades the stack this project runs on), so the
export is done here with ``torch.onnx.export`` (the model's transformer, inputs
``input_ids``/``attention_mask``, output ``last_hidden_state``), its operators fused by
ONNX Runtime's transformer optimiser (one Attention, SkipLayerNormalization and BiasGelu
node per layer: the model is exported with eager attention, whose pattern the optimiser
recognises; SDPA's is not), and the int8 model with ONNX Runtime's dynamic quantisation of
the fused graph (int8 weights with one scale per output channel, QAttention, activations
quantised per batch at run time). Pooling (mean over the attention mask)
and L2 normalisation follow the folder's sentence-transformers config; other
poolings are refused. Nothing is downloaded: the export reads the materialised
folder and is cached beside it, keyed by the folder's weights.
"""
from __future__ import annotations

import contextlib
import json
import logging
import shutil
import tempfile
import threading
from pathlib import Path

import numpy as np

from ..errors import ModelNotAvailable

log = logging.getLogger(__name__)

#: bump when the export changes (a cached export of another version is redone;
#: 2: int8 weights quantised per output channel; 3: attention and layer norms fused)
EXPORT_VERSION = 3
OPSET = 17
FP32_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
STAMP = "qa_onnx_export.json"


def exported(folder: Path, cache_dir: Path, int8: bool) -> Path:
    """The ONNX file of a sentence-transformers folder, exported (and quantised) on first use.

    Args:
        folder: the model folder (mean pooling, BERT-like transformer).
        cache_dir: where exports are kept.
        int8: the dynamically quantised int8 model instead of fp32.
    Returns:
        The ``.onnx`` file.
    Raises:
        ModelNotAvailable: the folder's pooling is not mean pooling, or the export failed.
    """
    weights = folder / "model.safetensors"
    if not weights.is_file():
        raise ModelNotAvailable(f"the onnx backend needs {weights} (a sentence-transformers folder)")
    key = {"version": EXPORT_VERSION, "folder": str(folder.resolve()), "bytes": weights.stat().st_size,
           "mtime_ns": weights.stat().st_mtime_ns}
    target = cache_dir / "models" / f"{folder.name}-onnx-v{EXPORT_VERSION}"
    try:
        if json.loads((target / STAMP).read_text(encoding="utf-8")) == key:
            return target / (INT8_FILE if int8 else FP32_FILE)
    except (OSError, ValueError):
        pass
    _check_pooling(folder)
    log.info("exporting the embedding model to ONNX in %s (once)", target)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        _export(folder, work / FP32_FILE)
        _fuse(folder, work / FP32_FILE)
        import onnx  # noqa: PLC0415
        from onnxruntime.quantization import QuantType, quantize_dynamic  # noqa: PLC0415

        with _root_logger_quiet():  # the quantiser logs each tensor (and advice) on the root logger
            # per-channel scales: cosine to the fp32 vectors min 0.994 on the seed chunks (0.982 with one
            # scale per tensor, before the fusion) at the same speed (python -m qa.benchmark --embedding)
            # the fused operators (com.microsoft domain) have no inferred output types: say they are float
            quantize_dynamic(str(work / FP32_FILE), str(work / INT8_FILE), weight_type=QuantType.QInt8,
                             per_channel=True, extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
        (work / STAMP).write_text(json.dumps(key), encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        work.rename(target)
    except (RuntimeError, ValueError, KeyError, OSError) as exc:
        raise ModelNotAvailable(f"could not export the embedding model to ONNX: {exc}") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target / (INT8_FILE if int8 else FP32_FILE)


def _check_pooling(folder: Path) -> None:
    config = folder / "1_Pooling" / "config.json"
    try:
        pooling = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ModelNotAvailable(f"the onnx backend needs the pooling config {config}") from None
    if pooling.get("pooling_mode", "mean") != "mean" and not pooling.get("pooling_mode_mean_tokens"):
        raise ModelNotAvailable(f"the onnx backend supports mean pooling only ({config})")


def _export(folder: Path, path: Path) -> None:
    import torch  # noqa: PLC0415
    from transformers import AutoModel, AutoTokenizer  # noqa: PLC0415

    class Transformer(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask):
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    # eager attention: its exported pattern is the one ONNX Runtime's optimiser fuses into Attention
    model = Transformer(AutoModel.from_pretrained(str(folder), local_files_only=True,
                                                  attn_implementation="eager").eval())
    sample = tokenizer(["passage: 柳江区", "passage: 2019年全区完成地区生产总值302.4亿元"], padding=True,
                       return_tensors="pt")
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(model, (sample["input_ids"], sample["attention_mask"]), str(path),
                          input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
                          dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
                          opset_version=OPSET, dynamo=False)


@contextlib.contextmanager
def _root_logger_quiet():
    """Only errors on the root logger inside the block (ONNX Runtime's tools log there)."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        yield
    finally:
        root.setLevel(level)


def _fuse(folder: Path, path: Path) -> None:
    """Fuse the exported graph in place with ONNX Runtime's BERT optimiser (attention, layer
    norms, GELU). Embedding the seed chunks: fp32 about 1.2x, int8 about 1.4x faster than
    unfused, same vectors (python -m qa.benchmark --embedding)."""
    from onnxruntime.transformers.optimizer import optimize_model  # noqa: PLC0415

    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    with _root_logger_quiet():  # the optimiser logs its progress on the root logger
        optimized = optimize_model(str(path), model_type="bert", num_heads=int(config["num_attention_heads"]),
                                   hidden_size=int(config["hidden_size"]))
    fused = optimized.get_fused_operator_statistics()
    log.info("fused the ONNX graph: %s", {k: v for k, v in fused.items() if v})
    optimized.save_model_to_file(str(path))


class OnnxEncoder:
    """Encode texts with an exported model: tokenise, run, mean-pool, L2-normalise.

    Args:
        model_file: the ``.onnx`` file.
        folder: the sentence-transformers folder (tokenizer, maximum length, dimension).
        threads: ONNX Runtime intra-op threads (0: its default, one per core).
    """

    def __init__(self, model_file: Path, folder: Path, threads: int = 0):
        import onnxruntime as ort  # noqa: PLC0415
        from transformers import AutoTokenizer  # noqa: PLC0415

        self.model_file = model_file
        self.tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        config = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        self.dimension = int(config.get("embedding_dimension") or config.get("word_embedding_dimension"))
        self.max_length = _max_length(folder, self.tokenizer)
        self._ort = ort
        self._sessions: dict[tuple[int, bool], object] = {}
        self._lock = threading.Lock()
        self.default_threads = threads

    def session(self, threads: int | None = None, spinning: bool = True):
        """The session with ``threads`` intra-op threads (None: the default), created on first use.

        Args:
            threads: intra-op threads.
            spinning: idle worker threads spin (fast for batches) or sleep (for single
                queries: spinning ones kept both cores busy between queries and slowed FAISS
                and numpy, retrieve() p50 16 ms vs 8.5 ms; batches embed about 1.4x slower
                without it, python -m qa.benchmark).
        Returns:
            The ONNX Runtime session.
        """
        n = self.default_threads if threads is None else threads
        with self._lock:
            if (n, spinning) not in self._sessions:
                options = self._ort.SessionOptions()
                options.intra_op_num_threads = n
                options.log_severity_level = 3
                options.add_session_config_entry("session.intra_op.allow_spinning", "1" if spinning else "0")
                self._sessions[(n, spinning)] = self._ort.InferenceSession(str(self.model_file), options,
                                                                           providers=["CPUExecutionProvider"])
            return self._sessions[(n, spinning)]

    def encode(self, texts: list[str], batch_size: int, threads: int | None = None,
               interactive: bool = False) -> np.ndarray:
        """L2-normalised float32 vectors of ``texts`` (mean of the token vectors under the mask).

        Args:
            texts: the texts.
            batch_size: texts per run.
            threads: intra-op threads (None: the default).
            interactive: a few texts while a question is answered (threads sleep when idle, as
                for a single text); else a batch (threads spin between runs).
        """
        session = self.session(threads, spinning=len(texts) > 1 and not interactive)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # similar lengths batched: less padding
        ordered = [texts[i] for i in order]
        out = []
        for i in range(0, len(ordered), batch_size):
            batch = self.tokenizer(ordered[i : i + batch_size], padding=True, truncation=True,
                                   max_length=self.max_length, return_tensors="np")
            mask = batch["attention_mask"].astype(np.int64)
            hidden = session.run(None, {"input_ids": batch["input_ids"].astype(np.int64), "attention_mask": mask})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out.append(pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12))
        if not out:
            return np.zeros((0, self.dimension), np.float32)
        vectors = np.empty((len(texts), self.dimension), np.float32)
        vectors[order] = np.vstack(out)
        return vectors


def _max_length(folder: Path, tokenizer) -> int:
    """The folder's max_seq_length (sentence-transformers config), else the tokenizer's, at most 512."""
    try:
        config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        if config.get("max_seq_length"):
            return int(config["max_seq_length"])
    except (OSError, ValueError):
        pass
    return int(min(getattr(tokenizer, "model_max_length", 512) or 512, 512))
