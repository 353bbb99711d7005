"""One logging set-up for every entry point (CLI, web UI, benchmark)."""
from __future__ import annotations

import logging

#: libraries that log routine progress at INFO; they are quiet unless asked
NOISY_LOGGERS = ("faiss", "sentence_transformers", "transformers", "httpx", "jieba", "gradio", "urllib3")


def setup_logging(verbose: bool = False, level: int = logging.WARNING) -> None:
    """Log to stderr: our messages at ``level`` (INFO with ``verbose``), libraries only when they fail.

    Args:
        verbose: log our INFO messages and the libraries' warnings.
        level: our level when not verbose.
    """
    logging.basicConfig(level=logging.INFO if verbose else level, format="%(levelname)s %(name)s: %(message)s")
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING if verbose else logging.ERROR)
