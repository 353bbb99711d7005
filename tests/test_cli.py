"""The CLI as a user runs it: build, ask (text and JSON), errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from qa.config import REPO_ROOT


def run(settings, *args, corpus=None, index=None):
    env = {**os.environ, "QA_CORPUS_DIR": str(corpus or settings.corpus_dir),
           "QA_INDEX_DIR": str(index or settings.index_dir)}
    return subprocess.run([sys.executable, "-m", "qa", *args], capture_output=True, text=True,
                          env=env, cwd=REPO_ROOT, timeout=600)


def test_ask_json_round_trip(scratch_settings):
    result = run(scratch_settings, "ask", "柳北区高新技术企业保有量是多少家？", "--json", "-k", "3")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "52家" in data["text"] and data["refused"] is False
    assert data["citations"][0]["doc"] == "004_45388f9687e1de59.txt"
    assert len(data["citations"][0]["highlight"]) == 2


def test_ask_text_prints_answer_and_sources(scratch_settings):
    result = run(scratch_settings, "ask", "2019年柳江区地区生产总值是多少？")
    assert result.returncode == 0, result.stderr
    assert "302.4亿元" in result.stdout
    assert "[1] 柳江区政府工作报告（2020年2月17日） 第16段（002_00d87999ceab6728.txt 原文[" in result.stdout


def test_options_work_before_and_after_the_command(scratch_settings):
    before = run(scratch_settings, "-o", "top_k=2", "ask", "柳北区高新技术企业保有量是多少家？", "--json")
    after = run(scratch_settings, "ask", "柳北区高新技术企业保有量是多少家？", "--json", "-o", "top_k=2")
    assert before.returncode == after.returncode == 0, before.stderr + after.stderr
    assert json.loads(before.stdout)["text"] == json.loads(after.stdout)["text"]
    bad = run(scratch_settings, "ask", "问题", "-o", "top_k=zero")
    assert bad.returncode == 2 and "top_k" in bad.stderr


def test_build_reports_counts(scratch_settings):
    result = run(scratch_settings, "build")
    assert result.returncode == 0, result.stderr
    assert "5 documents" in result.stdout and "embedded 0 chunks" in result.stdout


def test_empty_and_overlong_questions(scratch_settings):
    empty = run(scratch_settings, "ask", "  ")
    assert empty.returncode == 2 and "问题为空" in empty.stderr
    long = run(scratch_settings, "ask", "柳" * 2000)
    assert long.returncode == 2 and "问题太长" in long.stderr


def test_missing_corpus_and_unreadable_index(scratch_settings, tmp_path):
    missing = run(scratch_settings, "ask", "问题", corpus=tmp_path / "none")
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert "Traceback" not in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
    (scratch_settings.index_dir / "manifest.json").write_text("garbage", encoding="utf-8")
    broken = run(scratch_settings, "ask", "柳北区高新技术企业保有量是多少家？", "--json")
    assert broken.returncode == 0 and "52家" in json.loads(broken.stdout)["text"]


def test_bad_arguments_are_one_line_errors_with_exit_code_2(scratch_settings, tmp_path):
    for k in ("0", "-3", "51"):
        result = run(scratch_settings, "ask", "柳北区高新技术企业保有量是多少家？", "-k", k)
        assert result.returncode == 2 and "k 必须" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    plain = tmp_path / "index-is-a-file"
    plain.write_text("not a folder", encoding="utf-8")
    result = run(scratch_settings, "ask", "柳北区高新技术企业保有量是多少家？", index=plain)
    assert result.returncode == 2 and "is a file" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and plain.read_text(encoding="utf-8") == "not a folder"


def test_eval_split_option_selects_questions(scratch_settings, tmp_path):
    qa_set = tmp_path / "set.jsonl"
    rows = [
        {"id": "d1", "question": "柳北区高新技术企业保有量是多少家？", "answer": "52家", "aliases": [],
         "docs": ["004_45388f9687e1de59.txt"], "evidence": ["高新技术企业保有量52家"], "type": "fact", "split": "dev"},
        {"id": "t1", "question": "2019年柳江区地区生产总值是多少？", "answer": "302.4亿元", "aliases": [],
         "docs": ["002_00d87999ceab6728.txt"], "evidence": ["地区生产总值302.4亿元"], "type": "fact", "split": "test"},
    ]
    qa_set.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "reports"
    result = run(scratch_settings, "eval", "--set", str(qa_set), "--split", "test", "--config", "hybrid+extractive",
                 "--out", str(out))
    assert result.returncode == 0, result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    outcomes = report["configs"]["hybrid+extractive"]["outcomes"]
    assert [o["id"] for o in outcomes] == ["t1"] and outcomes[0]["split"] == "test" and report["split"] == "test"
