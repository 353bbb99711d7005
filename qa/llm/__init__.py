"""Local and remote language models: chat backends, model assembly, prompts."""
from __future__ import annotations

from .backends import ChatBackend, LlamaCppBackend, OpenAIBackend
from .models import MODELS, local_model_available, resolve_gguf
from .prompts import PROMPT_VERSION

__all__ = ["MODELS", "PROMPT_VERSION", "ChatBackend", "LlamaCppBackend", "OpenAIBackend",
           "local_model_available", "resolve_gguf"]
