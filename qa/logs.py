"""One logging set-up for every entry point (CLI, web UI, benchmark)."""
from __future__ import annotations

import logging

#: libraries that log routine progress at INFO; they are quiet unless asked
NOISY_LOGGERS = ("faiss", "sentence_transformers", "transformers", "httpx", "jieba", "gradio", "urllib3", "bm25s",
                 "pymilvus", "milvus_lite")


def setup_logging(verbose: bool = False, level: int = logging.WARNING) -> None:
    """Log to stderr: our messages at ``level`` (INFO with ``verbose``), libraries only when they fail.

    Args:
        verbose: log our INFO messages and the libraries' warnings.
        level: our level when not verbose.
    """
    logging.basicConfig(level=logging.INFO if verbose else level, format="%(levelname)s %(name)s: %(message)s")
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING if verbose else logging.ERROR)


def quiet_model_loading() -> None:
    """Turn off transformers' routine output while models load or convert: progress bars
    ("Loading weights", "Writing model shards") and load reports (a BERT saved without
    its unused pooler reports "pooler.dense.bias MISSING"). Its errors still show."""
    from transformers.utils import logging as hf_logging  # noqa: PLC0415 - heavy, only where models load

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
