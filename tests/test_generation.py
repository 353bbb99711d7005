"""Generated answers with the real Qwen2.5-Coder-0.5B model (llama.cpp), and the
OpenAI-compatible backend against a real llama.cpp server on loopback."""
from __future__ import annotations

import dataclasses
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from qa.config import AnswerMode
from qa.engine import Engine
from qa.errors import BackendError, ModelIntegrityError
from qa.llm.models import MODELS, assemble, resolve_gguf

pytestmark = pytest.mark.llm


@pytest.fixture(scope="module")
def gguf(settings):
    return resolve_gguf("qwen2.5-coder-0.5b", settings.cache_dir)


def testassembled_model_matches_its_pin_and_a_mismatch_is_an_error(gguf, tmp_path):
    spec = MODELS["qwen2.5-coder-0.5b"]
    assert gguf.stat().st_size == spec.size
    wrong = dataclasses.replace(spec, sha256="0" * 64)
    target = tmp_path / "model.gguf"
    with pytest.raises(ModelIntegrityError, match="expected 0000"):
        assemble(wrong, target)
    assert not target.exists() and not list(tmp_path.iterdir())  # nothing half-written is left


def test_generated_answer_is_cited_and_verified(engine, gguf):
    answer = engine.ask("柳北区高新技术企业保有量是多少家？", answer_mode=AnswerMode.LOCAL)
    assert not answer.refused and answer.mode is AnswerMode.LOCAL and answer.generated, answer
    assert "52" in answer.text and re.search(r"\[1\]", answer.text)
    assert answer.citations and all(c.verified for c in answer.citations)
    assert answer.citations[0].doc == "004_45388f9687e1de59.txt"
    assert answer.meta.first_token_s > 0 and answer.meta.model == "qwen2.5-coder-0.5b"


def test_out_of_corpus_question_is_refused(engine, gguf):
    for question in ("北京冬奥会中国队获得了多少枚金牌？", "柳江区2019年末常住人口有多少？"):
        answer = engine.ask(question, answer_mode=AnswerMode.LOCAL)
        assert answer.refused and not answer.citations, answer.text
        assert not re.search(r"\d", answer.text)  # no invented figure


def test_streaming_yields_text_before_the_end(engine, gguf):
    import qa

    started = time.perf_counter()
    stream = engine.ask_stream("2019年柳江区地区生产总值是多少？", answer_mode=AnswerMode.LOCAL)
    stamps = [(time.perf_counter() - started, piece) for piece in stream]
    final = stream.answer
    settled = time.perf_counter() - started
    assert isinstance(final, qa.Answer) and len(stamps) >= 3
    assert stamps[0][0] < settled  # the first piece came before the answer was settled
    assert "302.4" in final.text and final.citations[0].verified


def test_follow_up_is_rewritten_before_retrieval(engine, gguf):
    history = [("柳江区2019年地区生产总值是多少？", "302.4亿元[1]")]
    answer = engine.ask("那2023年呢？", answer_mode=AnswerMode.LOCAL, history=history)
    assert "2023" in answer.standalone_question and "生产总值" in answer.standalone_question
    assert not answer.refused and "294.26" in answer.text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server(gguf, tmp_path_factory):
    """llama-cpp-python's own OpenAI-compatible server on a loopback port."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "2048", "--n_threads", "2", "--model_alias", "qwen-local"],
        stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("llama_cpp.server exited: " + log.read_text()[-2000:])
        try:
            urllib.request.urlopen(base + "/models", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise RuntimeError("llama_cpp.server did not start: " + log.read_text()[-2000:])
    yield base
    proc.terminate()
    proc.wait(timeout=30)


def test_openai_backend_against_a_real_server(settings, llama_server, monkeypatch):
    monkeypatch.setenv("QA_TEST_KEY", "secret-not-checked-by-the-local-server")
    eng = Engine(settings.replace(openai_base_url=llama_server, openai_model="qwen-local",
                                  openai_api_key_env="QA_TEST_KEY"))
    stream = eng.ask_stream("柳北区高新技术企业保有量是多少家？", answer_mode=AnswerMode.OPENAI)
    pieces = list(stream)
    answer = stream.answer
    assert len(pieces) >= 3 and not answer.refused
    assert answer.mode is AnswerMode.OPENAI and answer.generated and "52" in answer.text
    assert answer.meta.model == "qwen-local@" + llama_server
    assert answer.citations and all(c.verified for c in answer.citations)


def test_openai_backend_reports_an_unreachable_server(settings):
    eng = Engine(settings.replace(openai_base_url=f"http://127.0.0.1:{free_port()}/v1"))
    with pytest.raises(BackendError, match="cannot reach"):
        eng.ask("柳北区高新技术企业保有量是多少家？", answer_mode=AnswerMode.OPENAI)


def test_cli_streams_the_generated_answer(scratch_settings):
    from qa.config import REPO_ROOT

    env = {**os.environ, "QA_CORPUS_DIR": str(scratch_settings.corpus_dir),
           "QA_INDEX_DIR": str(scratch_settings.index_dir)}
    result = subprocess.run([sys.executable, "-m", "qa", "ask", "柳北区高新技术企业保有量是多少家？",
                             "--answer-mode", "local"], capture_output=True, text=True, env=env,
                            cwd=REPO_ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "52" in result.stdout and "核对后" in result.stdout and "✓" in result.stdout


def test_model_parts_are_found_without_importing_the_part_packages():
    code = ("import sys; from qa.llm.models import MODELS, part_paths; "
            "paths = part_paths(MODELS['qwen2.5-coder-0.5b']); "
            "print(len(paths), sorted(m for m in sys.modules if m.startswith('pandas_sns')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split(maxsplit=1) == ["6", "[]\n"]  # six part files, no part package imported
