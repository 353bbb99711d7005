"""Checks at the edge: what a question and its arguments must be before any work is done."""
from __future__ import annotations

from ..errors import QuestionError

#: the most passages one question may retrieve
MAX_K = 50


def check_question(question: object, max_chars: int) -> str:
    """The question, stripped.

    Args:
        question: what the caller passed.
        max_chars: the longest question accepted.
    Returns:
        The stripped question.
    Raises:
        QuestionError: not a string, empty, or too long (the message says which, in Chinese).
    """
    if not isinstance(question, str):
        raise QuestionError(f"问题必须是文字（收到的是 {type(question).__name__}）。")
    question = question.strip()
    if not question:
        raise QuestionError("问题为空：请输入一个问题。")
    if len(question) > max_chars:
        raise QuestionError(f"问题太长（{len(question)} 字）：请精简到 {max_chars} 字以内。")
    return question


def check_k(k: object) -> int | None:
    """``k`` as an int in [1, MAX_K], or None for the default.

    Raises:
        QuestionError: not an int (bools, floats and strings are refused) or out of range.
    """
    if k is None:
        return None
    if isinstance(k, bool) or not isinstance(k, int):
        raise QuestionError(f"k 必须是 1 到 {MAX_K} 之间的整数（收到 {k!r}）。")
    if not 1 <= k <= MAX_K:
        raise QuestionError(f"k 必须在 1 到 {MAX_K} 之间（收到 {k}）。")
    return k
