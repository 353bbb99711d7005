"""Chat backends that stream a reply to a list of messages.

- :class:`LlamaCppBackend`: an in-process llama.cpp model (llama-cpp-python),
  by default Qwen2.5-Coder-0.5B-Instruct Q4_K_M assembled from PyPI part packages;
- :class:`OpenAIBackend`: any OpenAI-compatible chat endpoint (Ollama, vLLM, a
  llama.cpp server, a hosted model).
"""
from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Iterator, Protocol

from ..errors import BackendError, LLMNotInstalled
from .models import resolve_gguf

log = logging.getLogger(__name__)

#: seconds to wait for an OpenAI-compatible server (a cold model may load first)
HTTP_TIMEOUT_S = 120


class ChatBackend(Protocol):
    """Streams the reply to a list of chat messages."""

    name: str

    def stream(self, messages: list[dict], max_tokens: int) -> Iterator[str]:
        """Yield pieces of the reply."""


class LlamaCppBackend:
    """An in-process llama.cpp model, loaded on first use.

    Args:
        model: a known model name or a ``.gguf`` path.
        cache_dir: where assembled model files are kept.
        threads: CPU threads for generation.
        context: context window in tokens.
    """

    def __init__(self, model: str, cache_dir: Path, threads: int = 2, context: int = 2048):
        try:
            import llama_cpp  # noqa: F401, PLC0415
        except ImportError:
            raise LLMNotInstalled("llama-cpp-python is not installed (pip install -e '.[llm]')") from None
        if threads < 1 or context < 256:
            raise ValueError(f"threads must be >= 1 and context >= 256, got {threads}, {context}")
        self.name = model
        self.cache_dir = cache_dir
        self.threads = threads
        self.context = context
        self._llm = None
        self._lock = threading.Lock()

    def _model(self):
        if self._llm is None:
            from llama_cpp import Llama  # noqa: PLC0415

            path = resolve_gguf(self.name, self.cache_dir)
            log.info("loading %s", path)
            self._llm = Llama(model_path=str(path), n_ctx=self.context, n_threads=self.threads,
                              verbose=False, seed=0)
        return self._llm

    def stream(self, messages: list[dict], max_tokens: int) -> Iterator[str]:
        """Yield the reply piece by piece (greedy decoding)."""
        with self._lock:  # one generation at a time per loaded model
            llm = self._model()
            for chunk in llm.create_chat_completion(messages=messages, stream=True, temperature=0.0,
                                                    max_tokens=max_tokens):
                piece = chunk["choices"][0]["delta"].get("content")
                if piece:
                    yield piece


class OpenAIBackend:
    """An OpenAI-compatible ``/chat/completions`` endpoint, streamed (server-sent events).

    Args:
        base_url: e.g. ``http://127.0.0.1:8000/v1``.
        model: the model name the server knows.
        api_key: sent as a bearer token when not empty.
    """

    def __init__(self, base_url: str, model: str, api_key: str = ""):
        if not base_url:
            raise BackendError("no OpenAI-compatible server configured (set QA_OPENAI_BASE_URL)")
        self.name = f"{model}@{base_url}"
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.key = api_key

    def stream(self, messages: list[dict], max_tokens: int) -> Iterator[str]:
        """Yield the reply piece by piece (temperature 0)."""
        import httpx  # noqa: PLC0415

        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        body = {"model": self.model, "messages": messages, "stream": True, "temperature": 0.0,
                "max_tokens": max_tokens}
        try:
            with httpx.stream("POST", self.url, json=body, headers=headers, timeout=HTTP_TIMEOUT_S) as response:
                if response.status_code != 200:
                    response.read()
                    raise BackendError(f"{self.url} answered {response.status_code}: {response.text[:200]}")
                for line in response.iter_lines():
                    if not line.startswith("data:"):
                        continue
                    data = line[5:].strip()
                    if data == "[DONE]":
                        break
                    try:
                        choice = json.loads(data)["choices"][0]
                    except (ValueError, KeyError, IndexError):
                        continue
                    piece = (choice.get("delta") or {}).get("content")
                    if piece:
                        yield piece
        except httpx.HTTPError as exc:
            raise BackendError(f"cannot reach the OpenAI-compatible server at {self.url}: {exc}") from None
