"""Questions asked in English, answered from the Chinese documents.

The documents are Chinese and so are the gate's cues, so an English question is
rebuilt as a Chinese one from a small documented glossary (``qa/data/english.tsv``):
its year, place, topics and the kind of question ("What was Liujiang's GDP in
2019?" -> "2019年柳江区地区生产总值是多少？"). The rebuilt question is answered like
any other and shown as "理解为：…". A question the glossary cannot rebuild (no
topic) gets a polite hint in Chinese and English instead of a bare refusal.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..synonyms import load_table

GLOSSARY_FILE = Path(__file__).resolve().parent.parent / "data" / "english.tsv"
#: a question with no Chinese character in it
CHINESE = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
ENGLISH_HINT = ("目前只能用中文提问，例如：2019年柳江区地区生产总值是多少？"
                "（Please ask in Chinese, e.g. “2019年柳江区地区生产总值是多少？” — "
                "the documents are Chinese; English questions are understood only for common terms such as GDP, "
                "fiscal revenue, tourism revenue or investment.）")


def is_english(question: str) -> bool:
    """True for a question written in English (Latin words, no Chinese characters)."""
    return not CHINESE.search(question) and len(LATIN_WORD.findall(question)) >= 2


def to_chinese(question: str, path: Path = GLOSSARY_FILE) -> str | None:
    """The Chinese question an English one asks, from the glossary; None when it names no topic.

    Args:
        question: the question in English.
        path: the glossary.
    Returns:
        E.g. "2019年柳江区地区生产总值是多少？", or None.
    """
    text = " " + re.sub(r"[^a-z0-9\- ]+", " ", question.lower()) + " "
    found: dict[str, list[str]] = {"place": [], "topic": [], "ask": []}
    for phrase, (role, chinese) in load_table(path):  # longest first: "fiscal revenue" before "revenue"
        at = text.find(f" {phrase} ")
        if at < 0:
            continue
        found.setdefault(role, []).append((at, chinese))
        text = text[:at] + " " * (len(phrase) + 2) + text[at + len(phrase) + 2:]
    if not found["topic"]:
        return None
    ordered = {role: [c for _, c in sorted(hits)] for role, hits in found.items()}
    years = "".join(f"{y}年" for y in dict.fromkeys(YEAR.findall(question)))
    ask = ordered["ask"][0] if ordered["ask"] else "是多少"
    return f"{years}{''.join(dict.fromkeys(ordered['place']))}{''.join(dict.fromkeys(ordered['topic']))}{ask}？"
