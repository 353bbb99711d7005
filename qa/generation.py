"""Generated answers from an LLM, grounded in the retrieved evidence and verified.

Backends (one setting, ``answer_mode``):

- ``local``: an in-process llama.cpp model (llama-cpp-python), by default
  Qwen2.5-Coder-0.5B-Instruct Q4_K_M assembled from PyPI part packages;
- ``openai``: any OpenAI-compatible chat endpoint (Ollama, vLLM, a llama.cpp
  server, a hosted model), base URL and model from the settings, API key from
  the environment variable named by ``openai_api_key_env``.

Flow for one question: a refusal gate on the extractive evidence (no model call
when the documents clearly lack the answer), a prompt with the best evidence
sentences numbered [1]..[n], streaming generation, the model's own refusal,
then citation verification (:mod:`qa.verify`). When nothing verified remains,
the extractive answer is returned instead.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass, replace
from typing import Iterator, Protocol

from .answer import Evidence, quoted, refusal
from .config import AnswerMode, Settings
from .llm_models import MODELS, LLMNotInstalled, parts_installed, resolve_gguf
from .prompts import MODEL_REFUSAL, PROMPT_VERSION, answer_messages, rewrite_messages
from .records import Answer, Passage, header_title
from .sentences import split_sentences
from .verify import normalize, supporting_sentence, verify

log = logging.getLogger(__name__)

#: evidence sentences given to the model; few and short keep the prompt small
#: enough for a first token within about 2 s on 2 cores (measured, README)
PROMPT_SNIPPETS = 3
#: longest evidence sentence given to the model (characters)
SNIPPET_CHARS = 120
#: seconds to wait for an OpenAI-compatible server
HTTP_TIMEOUT_S = 120


class ChatBackend(Protocol):
    """Streams the reply to a list of chat messages."""

    name: str

    def stream(self, messages: list[dict], max_tokens: int) -> Iterator[str]:
        """Yield pieces of the reply."""


class LlamaCppBackend:
    """An in-process llama.cpp model.

    Args:
        model: a known model name or a ``.gguf`` path.
        settings: threads, context size, cache folder.
    """

    def __init__(self, model: str, settings: Settings):
        try:
            import llama_cpp  # noqa: F401, PLC0415
        except ImportError:
            raise LLMNotInstalled("llama-cpp-python is not installed (pip install -e '.[llm]')") from None
        self.name = model
        self.settings = settings
        self._llm = None
        self._lock = threading.Lock()

    def _model(self):
        if self._llm is None:
            from llama_cpp import Llama  # noqa: PLC0415

            path = resolve_gguf(self.name, self.settings.cache_dir)
            log.info("loading %s", path)
            self._llm = Llama(model_path=str(path), n_ctx=self.settings.llm_context,
                              n_threads=self.settings.llm_threads, verbose=False, seed=0)
        return self._llm

    def stream(self, messages: list[dict], max_tokens: int) -> Iterator[str]:
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
        settings: ``openai_base_url``, ``openai_model``, ``openai_api_key_env``.
    """

    def __init__(self, settings: Settings):
        self.name = f"{settings.openai_model}@{settings.openai_base_url}"
        self.url = settings.openai_base_url.rstrip("/") + "/chat/completions"
        self.model = settings.openai_model
        self.key = os.environ.get(settings.openai_api_key_env, "")

    def stream(self, messages: list[dict], max_tokens: int) -> Iterator[str]:
        import httpx  # noqa: PLC0415

        headers = {"Authorization": f"Bearer {self.key}"} if self.key else {}
        body = {"model": self.model, "messages": messages, "stream": True, "temperature": 0.0,
                "max_tokens": max_tokens}
        try:
            with httpx.stream("POST", self.url, json=body, headers=headers, timeout=HTTP_TIMEOUT_S) as response:
                if response.status_code != 200:
                    response.read()
                    raise RuntimeError(f"{self.url} answered {response.status_code}: {response.text[:200]}")
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
            raise RuntimeError(f"cannot reach the OpenAI-compatible server at {self.url}: {exc}") from None


@dataclass
class Snippet:
    """One numbered piece of evidence in the prompt."""

    passage: Passage
    lo: int
    hi: int
    label: str

    def as_passage(self) -> Passage:
        """What the model sees: the snippet under a short label (title, place, years)."""
        return replace(self.passage, text=self.passage.text[self.lo:self.hi], header=self.label)


def short_label(passage: Passage, chunk) -> str:
    """《title》 place years: the context the model needs, in few tokens."""
    title = header_title(passage.header, passage.doc)
    years = " ".join(f"{y}年" for y in chunk.scope_years)
    return " ".join(part for part in (f"《{title}》", "、".join(chunk.scope_places), years) if part.strip("《》"))


class GroundedGenerator:
    """Answer from numbered evidence with an LLM; verify every citation.

    Args:
        backend: the chat backend.
        settings: ``llm_max_tokens``, refusal threshold.
        mode: the answer mode this generator serves.
    """

    def __init__(self, backend: ChatBackend, settings: Settings, mode: AnswerMode):
        self.backend = backend
        self.settings = settings
        self.mode = mode

    @staticmethod
    def snippets(ranked: list[Evidence], passages: list[Passage], chunks) -> list[Snippet]:
        """The best evidence sentences for the prompt, best first.

        Args:
            ranked: the extractive answerer's evidence for the passages, best first.
            passages: the retrieved passages.
            chunks: the index's chunks (for each snippet's place and years).
        """
        chosen: list[Snippet] = []
        seen: set[str] = set()
        for ev in ranked:
            if ev.text in seen:
                continue
            seen.add(ev.text)
            hi = min(ev.hi, ev.lo + SNIPPET_CHARS)
            passage = passages[ev.passage_rank]
            chosen.append(Snippet(passage, ev.lo, hi, short_label(passage, chunks[passage.chunk_id])))
            if len(chosen) >= PROMPT_SNIPPETS:
                break
        return chosen

    def stream(self, question: str, passages: list[Passage], engine) -> Iterator[str | Answer]:
        """Yield the generated text as it comes, then the verified :class:`Answer`."""
        started = time.perf_counter()
        answerer = engine.answerer()
        ranked = answerer.evidence(question, passages)
        gate = answerer.answer(question, passages, ranked)
        if gate.refused:
            answer = refusal(question, passages, self.mode.value, gate.support, {"gate": 1.0})
            yield answer.text
            yield answer
            return
        snippets = self.snippets(ranked, passages, answerer.chunks)
        shown = [s.as_passage() for s in snippets]
        text = ""
        first = None
        for piece in self.backend.stream(answer_messages(question, shown), self.settings.llm_max_tokens):
            if first is None:
                first = time.perf_counter() - started
            text += piece
            yield piece
        timings = {"first_token_s": first or 0.0, "generate_s": time.perf_counter() - started}
        yield self._settle(question, text, snippets, passages, gate, answerer, timings)

    def _settle(self, question: str, text: str, snippets: list[Snippet], passages: list[Passage],
                fallback: Answer, answerer, timings: dict) -> Answer:
        if normalize(text).startswith(MODEL_REFUSAL) or not text.strip():
            if fallback.support >= self.settings.model_refusal_max_support:
                # strong evidence: the model's refusal is not trusted (see Settings)
                fallback.mode = f"{self.mode.value}-fallback-extractive"
                fallback.timings = {**timings, "model_refused": 1.0}
                return fallback
            return refusal(question, passages, self.mode.value, fallback.support, timings)
        full = [s.passage for s in snippets]
        checked = verify(text, full, answerer.tokenizer)
        if not checked.ok:
            log.info("no verified sentence in %r; using the extractive answer", text)
            fallback.mode = f"{self.mode.value}-fallback-extractive"
            fallback.timings = {**timings, "dropped": float(len(checked.dropped))}
            return fallback
        citations = []
        sentences = [checked.text[lo:hi] for lo, hi in split_sentences(checked.text)]
        for marker, passage in enumerate(checked.citations, start=1):
            claim = " ".join(s for s in sentences if f"[{marker}]" in s)
            lo, hi = supporting_sentence(claim, passage)
            citations.append(replace(quoted(passage, answerer.chunks[passage.chunk_id], lo, hi), verified=True))
        timings.update({"repaired": float(checked.repaired), "dropped": float(len(checked.dropped))})
        return Answer(question=question, text=checked.text, citations=citations, refused=False,
                      mode=f"{self.mode.value}:{self.backend.name}", passages=list(passages), timings=timings)

    def rewrite(self, question: str, previous: str) -> str:
        """A standalone form of a follow-up question, written by the model."""
        text = "".join(self.backend.stream(rewrite_messages(question, previous), 60)).strip()
        text = text.splitlines()[0].strip() if text else ""
        return text if 4 <= len(text) <= 3 * max(len(previous), len(question)) else ""


def make_generator(mode: AnswerMode, settings: Settings, model: str | None = None) -> GroundedGenerator:
    """The generator for an answer mode.

    Args:
        mode: ``local`` or ``openai``.
        settings: all settings.
        model: local model name or .gguf path (default ``settings.llm_model``).
    Returns:
        A :class:`GroundedGenerator`.
    """
    if mode is AnswerMode.LOCAL:
        return GroundedGenerator(LlamaCppBackend(model or settings.llm_model, settings), settings, mode)
    if mode is AnswerMode.OPENAI:
        return GroundedGenerator(OpenAIBackend(settings), settings, mode)
    raise ValueError(f"answer mode {mode.value!r} does not generate")


def available_modes(settings: Settings) -> list[AnswerMode]:
    """Generating modes usable here: local when llama-cpp-python and the model are installed;
    openai when a base URL is configured explicitly."""
    modes = []
    try:
        import llama_cpp  # noqa: F401, PLC0415

        name = settings.llm_model
        if name.endswith(".gguf") or (name in MODELS and parts_installed(MODELS[name])):
            modes.append(AnswerMode.LOCAL)
    except ImportError:
        pass
    if os.environ.get("QA_OPENAI_BASE_URL"):
        modes.append(AnswerMode.OPENAI)
    return modes


__all__ = ["GroundedGenerator", "LlamaCppBackend", "OpenAIBackend", "PROMPT_VERSION", "available_modes",
           "make_generator"]
