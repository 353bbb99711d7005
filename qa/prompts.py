"""All LLM prompts, in one place and versioned.

Bump :data:`PROMPT_VERSION` whenever a prompt changes; evaluation reports
record it, so numbers are always tied to the prompt that produced them.
"""
from __future__ import annotations

from .records import Passage

PROMPT_VERSION = "2026-11-23.1"

#: what the model must answer when the passages do not hold the answer
MODEL_REFUSAL = "无法回答"

ANSWER_SYSTEM = (
    "你是柳州本地政府文件问答助手。只能根据用户提供的编号资料回答，不得使用资料以外的知识。"
    "回答用一到两句简洁的中文，直接给出问题要的数字、名称或日期，并在每句话末尾标注所依据资料的编号，如[1]或[2]。"
    "数字必须与资料中的写法完全一致。"
    f"如果资料中没有问题的答案，只回答“{MODEL_REFUSAL}”，不要解释，不要猜测。"
)

ANSWER_USER = "资料：\n{passages}\n\n问题：{question}\n回答："

REWRITE_SYSTEM = (
    "你负责把对话中的追问改写成一个独立、完整的问题。保留上一个问题中的年份、地区和对象，"
    "用追问中的新信息替换对应部分。只输出改写后的问题，不要回答它。"
)

REWRITE_USER = "上一个问题：{previous}\n追问：{question}\n改写后的问题："


def format_passages(passages: list[Passage]) -> str:
    """Numbered passages with their document titles, as the model sees them."""
    blocks = []
    for n, p in enumerate(passages, start=1):
        title = p.header.split("｜")[0] if p.header else p.doc
        context = "｜".join(p.header.split("｜")[1:]) if p.header else ""
        label = f"[{n}]《{title}》" + (f"（{context}）" if context else "")
        blocks.append(f"{label}\n{p.text.strip()}")
    return "\n\n".join(blocks)


def answer_messages(question: str, passages: list[Passage]) -> list[dict]:
    """Chat messages asking for a grounded, cited answer."""
    return [
        {"role": "system", "content": ANSWER_SYSTEM},
        {"role": "user", "content": ANSWER_USER.format(passages=format_passages(passages), question=question)},
    ]


def rewrite_messages(question: str, previous: str) -> list[dict]:
    """Chat messages asking to make a follow-up standalone."""
    return [
        {"role": "system", "content": REWRITE_SYSTEM},
        {"role": "user", "content": REWRITE_USER.format(previous=previous, question=question)},
    ]
