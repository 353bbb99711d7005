"""The Q&A set validates against the corpus; every metric on hand-made cases."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from qa.config import REPO_ROOT, Settings
from qa.eval.evalset import EvalSetError, NearMiss, Question, QType, Split, load_set, select, validate_against_corpus
from qa.eval.evaluation import (NOT_RETRIEVED, QuoteLocator, answer_accuracy, citation_scores, covers, percentile,
                           recall_at, reciprocal_rank, refusal_scores, short_accuracy, summarize, why_refused, Outcome)
from qa.records import Passage
from conftest import SEED_FILES, seed_text

SEED_SET = Settings().eval_set


def test_seed_set_is_large_balanced_and_valid():
    questions = load_set(SEED_SET)
    assert len(questions) >= 300
    counts = Counter(q.type for q in questions)
    assert set(counts) == set(QType) and min(counts.values()) >= 10, counts
    assert counts[QType.UNANSWERABLE] >= 70 and counts[QType.PARAPHRASE] >= 60, counts
    assert counts[QType.MULTI_PART] >= 30 and counts[QType.LIST] >= 30, counts
    kinds = Counter(q.kind for q in questions if q.type is QType.UNANSWERABLE)
    assert set(kinds) == set(NearMiss) and min(kinds.values()) >= 12, kinds
    assert all(q.near for q in questions if q.type is QType.UNANSWERABLE)
    corpus = {name: seed_text(name) for name in SEED_FILES}
    assert validate_against_corpus(questions, corpus) == []  # quotes, answers and near-miss quotes
    assert all(q.evidence for q in questions if q.answerable)
    assert all(len(set(q.docs)) >= 2 for q in questions if q.type is QType.MULTI_DOC)
    assert all(len(q.items) >= 2 for q in questions if q.type in (QType.LIST, QType.MULTI_PART))


def test_the_probe_set_is_valid_and_apart_from_the_seed_set():
    """qa/data/probe_qa.jsonl: 86 questions a helper wrote from the seeds without seeing the seed set or
    the system, a second dev set (changes are chosen on it too: it is no blind measure once used)."""
    probes = load_set(SEED_SET.with_name("probe_qa.jsonl"))
    assert len(probes) == 86 and all(q.split is Split.DEV for q in probes)
    assert validate_against_corpus(probes, {name: seed_text(name) for name in SEED_FILES}) == []
    assert not {q.id for q in probes} & {q.id for q in load_set(SEED_SET)}
    assert Counter(q.type for q in probes)[QType.PARAPHRASE] == 45


def test_the_second_probe_set_is_valid_and_apart_from_the_others():
    """qa/data/probe2_qa.jsonl: 90 more questions a helper wrote blind (40 paraphrases, 20 two-document
    questions); measured unseen once, a dev set since. Five answers are worked out from their quotes."""
    probes = load_set(SEED_SET.with_name("probe2_qa.jsonl"))
    assert len(probes) == 90 and all(q.split is Split.DEV for q in probes)
    assert validate_against_corpus(probes, {name: seed_text(name) for name in SEED_FILES}) == []
    others = load_set(SEED_SET) + load_set(SEED_SET.with_name("probe_qa.jsonl"))
    assert not {q.id for q in probes} & {q.id for q in others}
    assert Counter(q.type for q in probes) == {QType.PARAPHRASE: 40, QType.MULTI_DOC: 20, QType.UNANSWERABLE: 16,
                                               QType.MULTI_PART: 14}
    assert [q.id for q in probes if q.computed] == ["q043", "q049", "q050", "q056", "q060"]


#: the later probe sets, each 80 questions a helper wrote blind from the seeds, measured once unseen on the
#: commit named before any change was chosen on it, a dev set since: its types and its near misses per kind
LATER_PROBES = [
    # probes 3: on 4678721 and on 4f1634b
    ("probe3", {QType.PARAPHRASE: 36, QType.MULTI_DOC: 16, QType.UNANSWERABLE: 16, QType.MULTI_PART: 12}, 4),
    # probes 4: on e48e6f0 (Acc 0.838)
    ("probe4", {QType.PARAPHRASE: 36, QType.MULTI_DOC: 16, QType.UNANSWERABLE: 16, QType.MULTI_PART: 12}, 4),
    # probes 5, more of them across two documents: on bc1d819 (Acc 0.831)
    ("probe5", {QType.PARAPHRASE: 30, QType.MULTI_DOC: 24, QType.UNANSWERABLE: 16, QType.MULTI_PART: 10}, 4),
    # probes 6, with lists and scope questions: on f01de10 (Acc 0.825)
    ("probe6", {QType.PARAPHRASE: 24, QType.LIST: 12, QType.SCOPE: 8, QType.MULTI_DOC: 12, QType.MULTI_PART: 8,
                QType.UNANSWERABLE: 16}, 4),
    # probes 7, half of them paraphrases: on c6fbab0 (Acc 0.825, paraphrase 0.725)
    ("probe7", {QType.PARAPHRASE: 40, QType.MULTI_DOC: 12, QType.MULTI_PART: 8, QType.LIST: 4, QType.UNANSWERABLE: 16}, 4),
    # probes 8, 24 of them near misses: on 3522648 (Acc 0.775, AnsAcc 0.732)
    ("probe8", {QType.PARAPHRASE: 36, QType.MULTI_DOC: 12, QType.MULTI_PART: 8, QType.UNANSWERABLE: 24}, 6),
    # probes 9, the test split's mix of types: on 04afd63 (Acc 0.863, AnsAcc 0.883)
    ("probe9", {QType.PARAPHRASE: 22, QType.FACT: 8, QType.SCOPE: 6, QType.LIST: 10, QType.MULTI_PART: 8,
                QType.MULTI_DOC: 6, QType.UNANSWERABLE: 20}, 5),
    # probes 10, half of them paraphrases, a fifth across two documents: on 02d1429 (Acc 0.787, AnsAcc 0.781)
    ("probe10", {QType.PARAPHRASE: 40, QType.MULTI_DOC: 16, QType.MULTI_PART: 8, QType.UNANSWERABLE: 16}, 4),
    # probes 11, the test split's mix again: on 02d1429 (Acc 0.900, AnsAcc 0.883)
    ("probe11", {QType.PARAPHRASE: 24, QType.FACT: 8, QType.SCOPE: 6, QType.LIST: 8, QType.MULTI_PART: 8,
                 QType.MULTI_DOC: 6, QType.UNANSWERABLE: 20}, 5),
    # probes 12, 32 near misses, half of them in everyday words: on 3ebd213 (Acc 0.775, AnsAcc 0.854)
    ("probe12", {QType.PARAPHRASE: 36, QType.FACT: 8, QType.MULTI_PART: 4, QType.UNANSWERABLE: 32}, 8),
    # probes 13, lists and scope questions: on 3ebd213 (Acc 0.833, AnsAcc 0.823)
    ("probe13", {QType.PARAPHRASE: 24, QType.LIST: 14, QType.SCOPE: 10, QType.MULTI_PART: 8, QType.MULTI_DOC: 8,
                 QType.UNANSWERABLE: 16}, 4),
    # probes 14, the test split's mix: on c57a7c5 (Acc 0.887, AnsAcc 0.918)
    ("probe14", {QType.PARAPHRASE: 22, QType.FACT: 9, QType.SCOPE: 6, QType.LIST: 10, QType.MULTI_PART: 8,
                 QType.MULTI_DOC: 6, QType.UNANSWERABLE: 19},
     {NearMiss.WRONG_YEAR: 5, NearMiss.WRONG_PLACE: 5, NearMiss.EXACT_VALUE: 4, NearMiss.ABSENT: 5}),
    # probes 15, half of them paraphrases in everyday and in formal words: on c57a7c5 (Acc 0.838, AnsAcc 0.839)
    ("probe15", {QType.PARAPHRASE: 40, QType.MULTI_DOC: 16, QType.UNANSWERABLE: 24}, 6),
    # probes 16, paraphrases asking who, which and where too: on c57a7c5 (Acc 0.912, AnsAcc 0.900)
    ("probe16", {QType.PARAPHRASE: 25, QType.MULTI_DOC: 15, QType.LIST: 12, QType.SCOPE: 8, QType.UNANSWERABLE: 20}, 5),
    # probes 17, paraphrases of the newspaper pages, multi-part questions: on d3df357 (Acc 0.875, AnsAcc 0.867)
    ("probe17", {QType.PARAPHRASE: 30, QType.MULTI_PART: 12, QType.MULTI_DOC: 10, QType.FACT: 8, QType.UNANSWERABLE: 20}, 5),
    # probes 18, the test split's mix in a journalist's words: on d3df357 (Acc 0.925, AnsAcc 0.951)
    ("probe18", {QType.PARAPHRASE: 22, QType.FACT: 9, QType.SCOPE: 6, QType.LIST: 10, QType.MULTI_PART: 8,
                 QType.MULTI_DOC: 6, QType.UNANSWERABLE: 19},
     {NearMiss.WRONG_YEAR: 5, NearMiss.WRONG_PLACE: 5, NearMiss.EXACT_VALUE: 5, NearMiss.ABSENT: 4}),
    # probes 19, half of them paraphrases in a resident's spoken words (好多, 哪样): on 9825c7f (Acc 0.738, AnsAcc 0.750)
    ("probe19", {QType.PARAPHRASE: 40, QType.MULTI_DOC: 12, QType.LIST: 8, QType.UNANSWERABLE: 20}, 5),
    # probes 20, an analyst's wording, chains across two documents: on 9825c7f (Acc 0.850, AnsAcc 0.833)
    ("probe20", {QType.PARAPHRASE: 24, QType.MULTI_DOC: 16, QType.MULTI_PART: 12, QType.SCOPE: 8, QType.UNANSWERABLE: 20}, 5),
    # probes 21, the test split's mix: on a5c69e5 (Acc 0.863, AnsAcc 0.836, paraphrase 0.591)
    ("probe21", {QType.PARAPHRASE: 22, QType.FACT: 9, QType.SCOPE: 6, QType.LIST: 10, QType.MULTI_PART: 8,
                 QType.MULTI_DOC: 6, QType.UNANSWERABLE: 19},
     {NearMiss.WRONG_YEAR: 5, NearMiss.WRONG_PLACE: 5, NearMiss.EXACT_VALUE: 4, NearMiss.ABSENT: 5}),
    # probes 22, half of them paraphrases saying what a figure means, a quarter across two documents: on a5c69e5
    # (Acc 0.812, AnsAcc 0.767)
    ("probe22", {QType.PARAPHRASE: 40, QType.MULTI_DOC: 20, QType.UNANSWERABLE: 20}, 5),
    # probes 23, one measure asked of two documents at once: on a5c69e5 (Acc 0.887, AnsAcc 0.867). Asked for 16
    # multi_doc rows; the 13 whose answer is both figures were written as a computed string no answer can
    # contain, and were turned into multi_part rows (one item per figure) before the set was scored
    ("probe23", {QType.PARAPHRASE: 28, QType.FACT: 8, QType.MULTI_PART: 21, QType.MULTI_DOC: 3,
                 QType.UNANSWERABLE: 20}, 5),
    # probes 24, the test split's mix asked by a retired teacher, a student, a shop owner: on 41b71f4
    # (Acc 0.963, AnsAcc 0.967)
    ("probe24", {QType.PARAPHRASE: 22, QType.FACT: 9, QType.SCOPE: 6, QType.LIST: 10, QType.MULTI_PART: 8,
                 QType.MULTI_DOC: 6, QType.UNANSWERABLE: 19},
     {NearMiss.WRONG_YEAR: 5, NearMiss.WRONG_PLACE: 5, NearMiss.EXACT_VALUE: 4, NearMiss.ABSENT: 5}),
    # probes 25, paraphrases of facts from the middle and end of the documents and their notes: on 41b71f4
    # (Acc 0.850, AnsAcc 0.833)
    ("probe25", {QType.PARAPHRASE: 40, QType.MULTI_DOC: 20, QType.UNANSWERABLE: 20}, 5),
    # probes 26, lists, multi-part and scope questions: on 41b71f4 (Acc 0.950, AnsAcc 0.967)
    ("probe26", {QType.PARAPHRASE: 20, QType.LIST: 14, QType.MULTI_PART: 12, QType.SCOPE: 12, QType.MULTI_DOC: 2,
                 QType.UNANSWERABLE: 20}, 5),
    # probes 27, asked by a farmer, a parent, a factory worker, an official: on 1cbcb99 (Acc 0.844, AnsAcc 0.858)
    ("probe27", {QType.PARAPHRASE: 30, QType.FACT: 10, QType.LIST: 8, QType.MULTI_PART: 8, QType.MULTI_DOC: 4,
                 QType.UNANSWERABLE: 20}, 5),
    # probes 28, the test split's mix asked by a journalist checking facts: on 1cbcb99 (Acc 0.988, AnsAcc 1.000)
    ("probe28", {QType.PARAPHRASE: 22, QType.FACT: 9, QType.SCOPE: 6, QType.LIST: 10, QType.MULTI_PART: 8,
                 QType.MULTI_DOC: 6, QType.UNANSWERABLE: 19},
     {NearMiss.WRONG_YEAR: 5, NearMiss.WRONG_PLACE: 5, NearMiss.EXACT_VALUE: 4, NearMiss.ABSENT: 5}),
    # probes 29, the test split's mix asked as in a group chat: on 086b727 (Acc 0.975, AnsAcc 0.984)
    ("probe29", {QType.PARAPHRASE: 22, QType.FACT: 9, QType.SCOPE: 6, QType.LIST: 10, QType.MULTI_PART: 8,
                 QType.MULTI_DOC: 6, QType.UNANSWERABLE: 19},
     {NearMiss.WRONG_YEAR: 5, NearMiss.WRONG_PLACE: 5, NearMiss.EXACT_VALUE: 4, NearMiss.ABSENT: 5}),
    # probes 30, 40 paraphrases saying what a figure means for people's lives: on 086b727 (Acc 0.938, AnsAcc
    # 0.950)
    ("probe30", {QType.PARAPHRASE: 40, QType.MULTI_DOC: 12, QType.MULTI_PART: 8, QType.UNANSWERABLE: 20}, 5),
    # probes 31, 40 paraphrases sharing no content word with their evidence, by residents who never read the
    # documents: on d555a54 (Acc 0.875, AnsAcc 0.833, paraphrase 0.775)
    ("probe31", {QType.PARAPHRASE: 40, QType.MULTI_DOC: 20, QType.UNANSWERABLE: 20}, 5),
    # probes 32, a data journalist comparing districts and years: on d555a54 (Acc 0.963, AnsAcc 0.967). Asked for
    # 30 multi_doc rows; the 15 whose answer is both figures were turned into multi_part rows (the schema takes a
    # list answer only there) before the set was scored
    ("probe32", {QType.PARAPHRASE: 30, QType.MULTI_DOC: 15, QType.MULTI_PART: 15, QType.UNANSWERABLE: 20}, 5),
    # probes 33, the test split's mix typed on a phone by older residents and shop owners: on d555a54 (Acc 0.925,
    # AnsAcc 0.967)
    ("probe33", {QType.PARAPHRASE: 22, QType.FACT: 9, QType.SCOPE: 6, QType.LIST: 10, QType.MULTI_PART: 8,
                 QType.MULTI_DOC: 6, QType.UNANSWERABLE: 19},
     {NearMiss.WRONG_YEAR: 5, NearMiss.WRONG_PLACE: 5, NearMiss.EXACT_VALUE: 4, NearMiss.ABSENT: 5}),
    # probes 34, 60 paraphrases by students and retired teachers naming neither the document's noun nor its
    # verb, 12 from each document: on cf9659c (Acc 0.887, AnsAcc 0.917, paraphrase 0.917)
    ("probe34", {QType.PARAPHRASE: 60, QType.UNANSWERABLE: 20}, 5),
    # probes 35, a neighbouring county's officials in administrative words the documents do not use: on b1abfa6
    # (Acc 0.875, AnsAcc 0.867, paraphrase 0.767). Its writer glimpsed 50 lines of probes 34's generator by
    # mistake (another blind set, not the system); it says it used none of them
    ("probe35", {QType.PARAPHRASE: 30, QType.FACT: 10, QType.SCOPE: 10, QType.LIST: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 36-38, 50 paraphrases each that describe instead of naming (people by their office, things by
    # what they do; a journalist, residents talking to a voice assistant, a researcher's translated questions),
    # 10 computed multi_doc, 20 near misses: on 5028cdc (Acc 0.700 / 0.625 / 0.738, paraphrase 0.66 / 0.62 / 0.72)
    ("probe36", {QType.PARAPHRASE: 50, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe37", {QType.PARAPHRASE: 50, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe38", {QType.PARAPHRASE: 50, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 39-41, the same kind written as a radio host's listeners, an exam tutor's abstract wording and retired
    # workers chatting, held out while this session's changes were chosen and scored once on 5028cdc, the session's
    # start (Acc 0.738 / 0.662 / 0.700), then on its changes (0.750 / 0.675 / 0.700: +4 questions, -2)
    ("probe39", {QType.PARAPHRASE: 50, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe40", {QType.PARAPHRASE: 50, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe41", {QType.PARAPHRASE: 50, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 42-44, the same kind written as a journalist fact-checking, a school pupil's report and an investor
    # from Guangdong, held out while 38dc140's changes were chosen on probes 36-41: scored on 8594019 (Acc 0.700 /
    # 0.675 / 0.725) and on 38dc140 (0.713 / 0.700 / 0.750: +5 questions, none lost)
    ("probe42", {QType.PARAPHRASE: 50, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe43", {QType.PARAPHRASE: 50, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe44", {QType.PARAPHRASE: 50, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 45-47, 40 paraphrases sharing no content word with their evidence, 10 multi-part and 10 multi-document
    # questions, 20 near misses, asked as a TV quiz editor, a village cadre by voice input and a graduate student
    # in academic words: scored unseen on 4dc9c9f (Acc 0.750 / 0.825 / 0.644)
    ("probe45", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe46", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe47", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 48-50, the same mix, asked as a retired worker through a grandchild, an investment consultant and a
    # civics teacher: scored unseen on c9bb950 (Acc 0.787 / 0.900 / 0.844)
    ("probe48", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe49", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe50", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 51-53, the same mix, asked as a radio phone-in host, a village committee member and a
    # public-administration student: scored unseen on 76db7c1 (Acc 0.683 / 0.850 / 0.858)
    ("probe51", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe52", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe53", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 54-56, the same mix, asked as a retired teacher, a noodle-shop owner and a data journalist: scored
    # unseen on 1e44bfe (Acc 0.812 / 0.838 / 0.906)
    ("probe54", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe55", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe56", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 57-59, the same mix, asked as a delivery rider, a small-factory owner and a high-school student:
    # scored unseen on c9d3e49 (Acc 0.775 / 0.838 / 0.900)
    ("probe57", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe58", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe59", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 60-62, the same mix, asked as a retired railway worker, an online-shop owner and a student from another
    # province: scored unseen on 3072036 (Acc 0.850 / 0.758 / 0.850)
    ("probe60", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe61", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe62", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 63-65, the same mix, asked as a car-repair shop owner, a radio host and a retired teacher: scored unseen
    # on b86b2f8 (Acc 0.900 / 0.887 / 0.887)
    ("probe63", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe64", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe65", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 66-68, the same mix, asked as a hurried delivery rider (terse, often no question mark), a student
    # writing a report and a newly arrived worker: scored unseen on 3c721d5 (Acc 0.738 / 0.912 / 0.875); probes 69, a reporter asking the figures earlier sets asked least (at least 45
    # answers in clauses quoted at most once by dev and probes 1-65): unseen on fdc5629 (Acc 0.875)
    ("probe66", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe67", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe68", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe69", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 70-72, the same mix, asked as a pensioner who writes to the newspaper, a township clerk writing a
    # briefing and a salesman typing on his phone: scored unseen on 283941e (Acc 0.725 / 0.887 / 0.800)
    ("probe70", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe71", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe72", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 73-75, the same mix, asked as a delivery rider typing by voice, a firm's office manager scouting a site
    # and a high-school student doing homework; probes 76, a journalist asking across two documents (30 questions
    # bridging from one document's thing to another's fact, 30 comparisons, 20 near misses of that shape): scored
    # unseen on ce27501 (Acc 0.738 / 0.850 / 0.800 / 0.800)
    ("probe73", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe74", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe75", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe76", {QType.MULTI_DOC: 60, QType.UNANSWERABLE: 20}, 5),
    # probes 77, 78 and 80, the same mix, asked as a retired teacher in a neighbourhood chat group, a restaurant owner
    # typing between customers and an old farmer whose grandson types for him; probes 79, a think-tank researcher
    # across two documents (40 bridges, 20 comparisons, 20 near misses of that shape): scored unseen on 1913482
    # (Acc 0.833 / 0.787 / 0.625 / 0.721)
    ("probe77", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe78", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe79", {QType.MULTI_DOC: 60, QType.UNANSWERABLE: 20}, 5),
    ("probe80", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 81, 82 and 84, the same mix, asked as a young delivery rider dictating to his phone, a migrant worker back
    # from Guangdong who wants to open a small workshop and a senior-high pupil writing a survey report; probes 83, a
    # local journalist across two documents (40 bridges, 20 comparisons, 20 near misses of that shape): scored unseen
    # on 404aeb6 (Acc 0.631 / 0.806 / 0.713 / 0.887)
    ("probe81", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe82", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe83", {QType.MULTI_DOC: 60, QType.UNANSWERABLE: 20}, 5),
    ("probe84", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 85, 86 and 88, the same mix, asked as a middle-aged woman who runs a small restaurant in 柳北区, a retired
    # Chinese teacher who knows no economic terms and a young civil servant just moved from another province; probe 87,
    # a graduate student comparing the districts across two documents (40 bridges, 20 comparisons, 20 near misses of
    # that shape): scored unseen on 34979a6 (Acc 0.762 / 0.762 / 0.650 / 0.819)
    ("probe85", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe86", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe87", {QType.MULTI_DOC: 60, QType.UNANSWERABLE: 20}, 5),
    ("probe88", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    # probes 89-91, the same mix, asked as a young delivery rider in 柳江区 who talks in net slang, a young mother of a
    # primary-school child and a young man back home selling 螺蛳粉 ingredients online; probe 92, a reporter checking one
    # report against another (40 bridges, 20 comparisons, 20 near misses of that shape): scored unseen on a16c014
    # (Acc 0.800 / 0.825 / 0.775 / 0.787)
    ("probe89", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe90", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe91", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe92", {QType.MULTI_DOC: 60, QType.UNANSWERABLE: 20}, 5),
    # probes 93-95, the same mix, asked as a thrifty middle-aged shopkeeper in 柳北区, a student from another province
    # interning in 柳州 and an old farmer in 柳江区 who has just learnt to type on a phone; probe 96, a securities analyst
    # tying figures and firms across documents (40 bridges, 20 comparisons, 20 near misses of that shape): scored unseen
    # on 6f9b264 (Acc 0.825 / 0.950 / 0.825 / 0.775)
    ("probe93", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe94", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe95", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe96", {QType.MULTI_DOC: 60, QType.UNANSWERABLE: 20}, 5),
    # probes 97-99, the same mix, asked as a community grid worker in 柳北区, a middle-aged man working in 广东 who
    # follows his home district 柳江区 and a retired accountant who teaches at a seniors' university; probe 100, a
    # district people's congress deputy matching facts and people across documents (40 bridges, 20 comparisons, 20 near
    # misses of that shape): scored unseen on 5311157 (Acc 0.912 / 0.838 / 0.863 / 0.738)
    ("probe97", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe98", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe99", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe100", {QType.MULTI_DOC: 60, QType.UNANSWERABLE: 20}, 5),
    # probes 101-103, the same mix, asked as a middle-school teacher in 柳江区, a lorry driver hauling around 柳州 and a
    # young man back home selling farm produce online; probe 104, a local newspaper's investigative reporter checking
    # what the documents say of the same things (40 bridges, 20 comparisons, 20 near misses of that shape): scored
    # unseen on e3d4519 (Acc 0.875 / 0.787 / 0.863 / 0.725)
    ("probe101", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe102", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe103", {QType.PARAPHRASE: 40, QType.MULTI_PART: 10, QType.MULTI_DOC: 10, QType.UNANSWERABLE: 20}, 5),
    ("probe104", {QType.MULTI_DOC: 60, QType.UNANSWERABLE: 20}, 5),
]


@pytest.mark.parametrize("name, types, per_kind", LATER_PROBES, ids=[row[0] for row in LATER_PROBES])
def test_a_later_probe_set_is_valid_and_apart_from_the_others(name, types, per_kind):
    probes = load_set(SEED_SET.with_name(f"{name}_qa.jsonl"))
    assert len(probes) == 80 and all(q.split is Split.DEV for q in probes)
    assert validate_against_corpus(probes, {doc: seed_text(doc) for doc in SEED_FILES}) == []
    names = [row[0] for row in LATER_PROBES]
    earlier = ["probe", "probe2", *names[:names.index(name)]]
    others = [*load_set(SEED_SET), *(q for n in earlier for q in load_set(SEED_SET.with_name(f"{n}_qa.jsonl")))]
    assert not {q.id for q in probes} & {q.id for q in others}
    assert Counter(q.type for q in probes) == types
    kinds = per_kind if isinstance(per_kind, dict) else {kind: per_kind for kind in NearMiss}
    assert Counter(q.kind for q in probes if q.kind) == kinds


def test_a_computed_answer_needs_two_quotes_and_is_not_looked_up(tmp_path):
    row = {"id": "x1", "question": "柳江区2023年引进项目的总投资比2019年多了多少？", "answer": "94.7亿元", "aliases": [],
           "docs": ["001_d3f18a84a51546c7.txt", "002_00d87999ceab6728.txt"], "type": "multi_doc",
           "evidence": ["引进新项目71个，总投资142.9亿元", "成功引进粤桂智能家电产业集聚区等30个项目，总投资48.2亿元"]}
    corpus = {name: seed_text(name) for name in SEED_FILES}
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    assert validate_against_corpus(load_set(path), corpus) == ["line 1 (x1): answer '94.7亿元' not in evidence or documents"]
    path.write_text(json.dumps({**row, "computed": True}, ensure_ascii=False), encoding="utf-8")
    assert validate_against_corpus(load_set(path), corpus) == []
    path.write_text(json.dumps({**row, "computed": True, "evidence": row["evidence"][:1]}, ensure_ascii=False),
                    encoding="utf-8")
    with pytest.raises(EvalSetError, match="computed"):
        load_set(path)


def test_seed_set_splits_are_fixed_halves_stratified_by_type_and_kind():
    questions = load_set(SEED_SET)
    assert all(q.split is not None for q in questions)
    assert len(select(questions, "dev")) + len(select(questions, "test")) == len(select(questions, "all"))
    for stratum in {(q.type, q.kind) for q in questions}:  # unanswerable ones also by near-miss kind
        halves = Counter(q.split for q in questions if (q.type, q.kind) == stratum)
        assert abs(halves[Split.DEV] - halves[Split.TEST]) <= 1, (stratum, halves)
    with pytest.raises(EvalSetError, match="unknown split"):
        select(questions, "train")


def test_validation_catches_a_bad_quote_and_answer():
    questions = load_set(SEED_SET)[:1]
    broken = [questions[0].__class__(**{**questions[0].__dict__, "evidence": ("这句话不在文档里",),
                                        "items": (("999亿元",),)})]
    problems = validate_against_corpus(broken, {name: seed_text(name) for name in SEED_FILES})
    assert any("quote not in" in p for p in problems) and any("999亿元" in p for p in problems)


@pytest.mark.parametrize("row, message", [
    ("not json", "line 2: not valid JSON"),
    ('{"id": "x"}', "line 2: field 'question': missing"),
    ('{"id":"x","question":"q","answer":"a","aliases":[],"docs":[],"evidence":[],"type":"nope"}', "field 'type'"),
    ('{"id":"x","question":"q","answer":"a","aliases":[],"docs":["d"],"evidence":[],"type":"fact"}', "field 'evidence'"),
    ('{"id":"x","question":"q","answer":"a","aliases":[],"docs":["d"],"evidence":["e"],"type":"list"}', "field 'answer'"),
])
def test_malformed_rows_name_line_and_field(tmp_path, row, message):
    good = '{"id":"g","question":"q","answer":"a","aliases":[],"docs":["d"],"evidence":["e"],"type":"fact"}'
    path = tmp_path / "set.jsonl"
    path.write_text(good + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(EvalSetError, match=message.replace("(", r"\(")):
        load_set(path)


def P(doc, start, end, **kw):
    return Passage(doc=doc, paragraph=1, start=start, end=end, text="", **kw)


def test_coverage_recall_and_mrr():
    spans = [("a", 100, 110), ("b", 0, 10)]
    passages = [P("a", 0, 50), P("a", 95, 104), P("b", 5, 60), P("a", 100, 110)]
    assert not covers(passages[1], spans[0])  # 4 of 10 chars
    assert covers(passages[2], spans[1])  # 5 of 10 chars
    assert recall_at(passages, spans, 1) == 0.0
    assert recall_at(passages, spans, 3) == 0.5
    assert recall_at(passages, spans, 4) == 1.0
    assert reciprocal_rank(passages, spans) == pytest.approx(1 / 3)
    assert reciprocal_rank(passages[:2], spans) == 0.0


def test_quote_locator_is_whitespace_insensitive():
    questions = load_set(SEED_SET)
    q = next(q for q in questions if q.id == "a006")
    spans = QuoteLocator({d: seed_text(d) for d in SEED_FILES}).spans(q)
    doc, start, end = spans[0]
    assert "88.6%" in seed_text(doc)[start:end]


def test_answer_accuracy_with_aliases_lists_and_refusals():
    questions = {q.id: q for q in load_set(SEED_SET)}
    fact, lst, unans = questions["a006"], questions["a026"], questions["a038"]
    assert answer_accuracy(fact, "环境空气优良率 88.6 %[1]", refused=False) == 1.0
    assert answer_accuracy(fact, "88.6％", refused=False) == 1.0  # full-width alias
    assert answer_accuracy(fact, "88.6%", refused=True) == 0.0
    assert answer_accuracy(fact, "优良率很高", refused=False) == 0.0
    assert len(lst.items) == 4
    assert answer_accuracy(lst, "博物馆、图书馆[1]", refused=False) == 0.5  # partial list credit
    assert answer_accuracy(lst, "博物馆、图书馆、文化馆、职工之家", refused=False) == 1.0  # alias of an item
    assert answer_accuracy(unans, "抱歉", refused=True) == 1.0
    assert answer_accuracy(unans, "一百万人", refused=False) == 0.0
    # a part the documents do not answer echoes its sub-question: the echo holds the gold, but no answer
    echoed = "（1）柳江区：现有文档中没有找到这一问的答案；（2）环境空气优良率88.6%是多少：现有文档中没有找到这一问的答案"
    assert answer_accuracy(fact, echoed, refused=False) == 0.0
    assert answer_accuracy(fact, "（1）88.6%。原文：……[1]；（2）柳北区是多少：现有文档中没有找到这一问的答案",
                           refused=False) == 1.0


def test_citation_and_refusal_scores():
    spans = [("a", 0, 10), ("a", 50, 60)]
    precision, recall = citation_scores([P("a", 0, 20), P("b", 0, 20)], spans)
    assert precision == 0.5 and recall == 0.5
    assert citation_scores([], spans) == (None, 0.0)
    # (answerable, refused)
    scores = refusal_scores([(False, True), (False, False), (True, True), (True, False), (True, False)])
    assert scores["refusal_precision"] == 0.5
    assert scores["refusal_recall"] == 0.5
    assert scores["false_refusals"] == pytest.approx(1 / 3)


def test_percentile_and_summary():
    assert percentile([1, 2, 3, 4], 50) == 2.5 and percentile([5], 95) == 5 and percentile([], 50) == 0.0
    base = dict(question="q", gold=[["x"]], answer="x", citations=[], citation_recall=1.0,
                recall={1: 1.0, 3: 1.0, 5: 1.0, 10: 1.0}, rr=1.0, first_token_s=None)
    outcomes = [
        Outcome(id="1", type="fact", refused=False, accuracy=1.0, citation_precision=1.0, latency_s=1.0, **base),
        Outcome(id="2", type="fact", refused=True, accuracy=0.0, citation_precision=None, latency_s=3.0, **base),
        Outcome(id="3", type="unanswerable", refused=True, accuracy=1.0, citation_precision=None, latency_s=2.0, **base),
    ]
    s = summarize(outcomes)
    assert s["accuracy"] == pytest.approx(2 / 3) and s["answerable_accuracy"] == 0.5
    assert s["refusal_precision"] == 0.5 and s["refusal_recall"] == 1.0 and s["false_refusals"] == 0.5
    assert s["citation_precision"] == 1.0 and s["latency_p50_s"] == 2.0


def test_eval_command_writes_reports(scratch_settings, tmp_path):
    import os
    import subprocess
    import sys

    out = tmp_path / "reports"
    env = {**os.environ, "QA_CORPUS_DIR": str(scratch_settings.corpus_dir), "QA_INDEX_DIR": str(scratch_settings.index_dir)}
    result = subprocess.run([sys.executable, "-m", "qa", "eval", "--limit", "12", "--out", str(out)],
                            capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    for name in ("bm25+extractive", "dense+extractive", "hybrid+extractive"):
        assert f"| {name} |" in result.stdout
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    outcomes = data["configs"]["hybrid+extractive"]["outcomes"]
    assert len(outcomes) == 12 and {"question", "answer", "gold", "citations", "accuracy"} <= set(outcomes[0])
    assert (out / "report.png").stat().st_size > 5000
    assert "## Missed questions" in (out / "report.md").read_text(encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "qa", "eval", "--corpus", str(scratch_settings.corpus_dir),
                             "--index", str(scratch_settings.index_dir), "--set", str(bad)],
                            capture_output=True, text=True, cwd=REPO_ROOT, timeout=600)
    assert result.returncode == 2 and "bad.jsonl, line 1: field" in result.stderr


def test_the_gate_is_trained_on_dev_with_an_out_of_fold_threshold_for_a_stated_risk(engine, tmp_path):
    from qa.eval.evaluation import GATE_FOLDS, REFUSAL_RECALL_FLOOR, WRONG_ANSWER_EXTRA_COST, train_gate

    def value(row):
        return row["accuracy"] - WRONG_ANSWER_EXTRA_COST * row["wrong_answers"]

    dev = select(load_set(SEED_SET), "dev")
    gate, curve = train_gate(engine, dev, SEED_SET, "dev")
    chosen = next(r for r in curve if r["threshold"] == gate.threshold)
    # the threshold was chosen on questions each scored by a model that never saw them, and
    # refuses at least the stated share of the unanswerable dev questions
    assert chosen["refusal_recall"] >= REFUSAL_RECALL_FLOOR
    assert all(r["refusal_recall"] < REFUSAL_RECALL_FLOOR or value(r) <= value(chosen) for r in curve)
    assert f"{GATE_FOLDS} folds" in gate.trained_on["rule"] and gate.trained_on["questions"] == len(dev)
    # the shipped gate is this one (retrain it with python -m qa eval --split dev --train-gate after changing
    # a feature or a rule; small slack for another CPU's int8 rounding), or one trained on an earlier state of
    # the rules that answers the dev questions at least as well as the retrained one (on dev, where the
    # retrained gate was fitted: the shipped one must win against that advantage)
    same = abs(gate.threshold - engine.gate.threshold) <= 0.02 and \
        max(abs(a - b) for a, b in zip(gate.weights, engine.gate.weights)) < 0.05
    if not same:
        from qa.engine import Engine
        from qa.eval.evaluation import RunConfig, evaluate

        gate.save(tmp_path / "gate.json")
        retrained = Engine(engine.settings.replace(gate_file=tmp_path / "gate.json"))
        retrained.ready()
        corpus = {name: seed_text(name) for name in SEED_FILES}

        def scored(eng):  # the threshold rule's objective on the answers given, and the refusal recall
            report = evaluate(eng, dev, [RunConfig.parse("hybrid+extractive")], corpus)["configs"]["hybrid+extractive"]
            wrong = sum(1 for o in report["outcomes"] if not o["refused"] and o["accuracy"] < 1) / len(dev)
            summary = report["summary"]
            return summary["accuracy"] - WRONG_ANSWER_EXTRA_COST * wrong, summary["refusal_recall"]

        assert retrained.gate.threshold == gate.threshold
        (shipped, shipped_recall), (fresh, _) = scored(engine), scored(retrained)
        assert shipped >= fresh and shipped_recall >= REFUSAL_RECALL_FLOOR


@pytest.mark.parametrize("question, gold, why", [
    # the 2020 target ("地区生产总值增长6.5%以上") is left out because a result is asked
    ("柳江区2020年全年实际完成的地区生产总值增长是多少？", "6.5%", "statement_kind"),
    # no sentence of the seeds says it
    ("柳北区2023年新建了多少座公园？", "12座", NOT_RETRIEVED),
])
def test_the_report_says_why_an_answer_was_refused(engine, question, gold, why):
    q = Question(id="t", question=question, items=((gold,),), docs=(), evidence=(), type=QType.FACT, line=1)
    assert engine.ask(question).refused
    assert why_refused(engine, q) == why


def test_short_answer_accuracy_judges_the_answer_shown_first(engine):
    question = "柳江区市场监督管理局在药品、医疗器械专项监督检查中，对多少家企业作出了行政指导？"
    answer = engine.ask(question)  # "8家。原文：……已检查药店3家、……对8家企业作出行政指导……"
    right = Question(id="t", question=question, items=(("8家",),), docs=(), evidence=(), type=QType.FACT, line=1)
    other = Question(id="t", question=question, items=(("3家",),), docs=(), evidence=(), type=QType.FACT, line=1)
    assert short_accuracy(right, answer) == 1.0
    assert answer_accuracy(other, answer.text, answer.refused) == 1.0  # the quote holds 3家 too
    assert short_accuracy(other, answer) == 0.0


def test_the_gate_is_fitted_on_standardised_features_and_reads_raw_ones():
    # features of very different ranges (a share, a cosine within a few hundredths, a flag): the fit
    # standardises them and folds the scaling back, so Gate.probability on raw features gives the
    # standardised model's probabilities
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from qa.answering.gate import FEATURES, REGULARIZATION, Gate, fit

    rng = np.random.default_rng(0)
    n = 400
    rows = np.column_stack([rng.random(n), 0.85 + 0.03 * rng.random(n), rng.integers(0, 2, n)]
                           + [np.zeros(n)] * (len(FEATURES) - 3))
    labels = (rows[:, 0] + 20 * (rows[:, 1] - 0.85) + 0.3 * rows[:, 2] + 0.3 * rng.standard_normal(n) > 1.1)
    weights, bias = fit(rows.tolist(), labels.astype(int).tolist())
    reference = make_pipeline(StandardScaler(), LogisticRegression(C=REGULARIZATION, class_weight="balanced",
                                                                   max_iter=3000)).fit(rows, labels)
    gate = Gate(weights, bias, 0.5, {})
    ours = [gate.probability(r) for r in rows.tolist()]
    assert np.allclose(ours, reference.predict_proba(rows)[:, 1], atol=1e-6)
    assert weights[1] > 0 and all(w == 0 for w in weights[3:])  # the narrow cosine keeps its sign; constants weigh nothing
