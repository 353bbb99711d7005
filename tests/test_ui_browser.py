"""The chat UI in a real browser: ui.py on a free localhost port, driven by headless Chromium.

Screenshots go to ``$QA_ARTIFACTS_DIR`` (default ``artifacts/`` in the repo).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from qa.config import REPO_ROOT

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(os.environ.get("QA_ARTIFACTS_DIR", REPO_ROOT / "artifacts"))
UPLOAD = "鹿寨县2031年测试简报\n\n鹿寨县2031年建成蓝莓采摘园27个，带动农户增收3600万元。\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, settings, engine):
    """ui.py on its own corpus and index copies, on a free port."""
    import shutil

    root = tmp_path_factory.mktemp("ui")
    shutil.copytree(settings.corpus_dir, root / "corpus")
    shutil.copytree(settings.index_dir, root / "index")
    port = free_port()
    env = {**os.environ, "QA_CORPUS_DIR": str(root / "corpus"), "QA_INDEX_DIR": str(root / "index")}
    log = (root / "ui.log").open("w")
    proc = subprocess.Popen([sys.executable, "ui.py", "--port", str(port)], cwd=REPO_ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("ui.py exited: " + (root / "ui.log").read_text())
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise RuntimeError("ui.py did not start: " + (root / "ui.log").read_text())
    yield url, root
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian chromium is required (bash .ci/setup --test installs it)"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(server, browser):
    """A fresh page (its own session and conversation) for each test."""
    url, _ = server
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.goto(url)
    pg.wait_for_selector("#status:has-text('已就绪')", timeout=120_000)
    yield pg
    context.close()


def bot_count(page) -> int:
    return page.locator('#chat [data-testid="bot"]').count()


def wait_for_bots(page, n: int) -> None:
    """Wait until the chat shows exactly ``n`` answers."""
    page.wait_for_function(f"document.querySelectorAll('#chat [data-testid=\"bot\"]').length == {n}",
                           timeout=20_000)


def submit(page, question: str) -> int:
    """Ask in the chat and wait for the new answer to be complete: its final form, with
    citation links or as a refusal (not the "……" placeholder or the streamed plain text;
    the chat takes one question at a time); returns the count before."""
    before = bot_count(page)
    page.fill("#question textarea", question)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(() => { const bots = document.querySelectorAll('#chat [data-testid=\"bot\"]');"
        f" if (bots.length <= {before}) return false; const last = bots[bots.length - 1];"
        " return !!last.querySelector('a.cite, .refusal') || last.innerText.includes('出错'); })()",
        timeout=60_000)
    return before


def test_ask_click_citation_and_see_the_source(page):
    page.fill("#question textarea", "2019年柳江区地区生产总值是多少？")
    page.keyboard.press("Enter")
    page.wait_for_selector("#chat a.cite", timeout=60_000)
    chat = page.inner_text("#chat")
    assert "302.4亿元" in chat and "[1]" in chat
    assert page.inner_text("#chat [data-testid=\"bot\"] b >> nth=0") == "302.4亿元"  # the short answer, in bold
    page.click("#chat a.cite >> nth=0")
    page.wait_for_selector("#sources .source-card.selected", timeout=30_000)
    card = page.inner_text("#sources .source-card.selected")
    assert "002_00d87999ceab6728.txt" in card and "第16段" in card
    assert "初步预计，2019年全区完成地区生产总值302.4亿元" in card
    assert "302.4亿元" in page.inner_text("#sources .source-card.selected mark")
    page.click("#sources .source-card.selected summary")  # the surrounding original text
    context = page.inner_text("#sources .source-card.selected pre")
    assert "302.4" in page.inner_text("#sources .source-card.selected pre mark")
    assert len(context) > len(card)  # the paragraph with the original text around it
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-chat-source.png"), full_page=True)


def test_follow_up_and_refusal(page):
    submit(page, "2019年柳江区地区生产总值是多少？")
    submit(page, "那2023年呢？")
    page.wait_for_function("document.querySelector('#chat').innerText.includes('294.26亿元')", timeout=60_000)
    assert "理解为" in page.inner_text("#sources")  # the rewritten question is shown
    before = bot_count(page)
    page.fill("#question textarea", "北京冬奥会中国队获得了多少枚金牌？")
    page.keyboard.press("Enter")
    page.wait_for_selector("#chat .refusal", timeout=60_000)
    assert "没有找到" in page.inner_text("#chat .refusal")
    assert bot_count(page) == before + 1


def test_bad_input_keeps_history(page):
    before = bot_count(page)
    page.fill("#question textarea", "")
    page.keyboard.press("Enter")
    page.get_by_text("问题为空").first.wait_for(timeout=20_000)
    page.fill("#question textarea", "柳" * 10_000)
    page.keyboard.press("Enter")
    page.get_by_text("问题太长").first.wait_for(timeout=20_000)
    # rapid repeated submits: one answer, no crash
    page.fill("#question textarea", "柳北区高新技术企业保有量是多少家？")
    for _ in range(3):
        page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#chat').innerText.includes('52家')", timeout=60_000)
    time.sleep(2)
    assert bot_count(page) == before + 1


def test_clear_forgets_the_hidden_conversation_too(page):
    submit(page, "2019年柳江区地区生产总值是多少？")
    page.click("#clear")
    wait_for_bots(page, 0)
    submit(page, "那2023年呢？")  # no previous question any more: not rewritten into a GDP question
    wait_for_bots(page, 1)
    page.wait_for_selector("#sources:has-text('那2023年呢')", timeout=20_000)
    assert "理解为" not in page.inner_text("#sources")


def test_upload_a_document_and_ask_about_it(page, server, tmp_path):
    _, root = server
    doc = tmp_path / "luzhai_2031.txt"
    doc.write_text(UPLOAD, encoding="utf-8")
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00" * 64)
    page.click("text=文档管理")
    page.set_input_files("#upload input[type=file]", [str(doc), str(bad)])
    page.wait_for_timeout(1500)
    page.click("#upload-btn")
    page.wait_for_selector("#status:has-text('luzhai_2031.txt')", timeout=120_000)
    page.get_by_text("binary.txt").first.wait_for(timeout=20_000)  # refused with a message
    assert "luzhai_2031.txt" in page.inner_text("#docs")
    assert (root / "corpus" / "luzhai_2031.txt").exists() and not (root / "corpus" / "binary.txt").exists()
    page.fill("#question textarea", "鹿寨县2031年建成了多少个蓝莓采摘园？")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#chat').innerText.includes('27个')", timeout=60_000)
    page.click("#chat a.cite >> nth=-1")
    page.wait_for_selector("#sources .source-card.selected:has-text('luzhai_2031.txt')", timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "ui-upload.png"), full_page=True)


def test_questions_are_answered_while_an_upload_is_indexed(page, server, browser, tmp_path):
    """A 150 KB upload takes tens of seconds to index; another session's question is answered
    meanwhile from the committed index, and the new document is citable once its build commits."""
    url, root = server
    lines = [f"测试镇第{i}号茶园占地{i % 97 + 3}亩，年产茶叶{i % 89 + 11}吨，带动{i % 53 + 7}户农户增收。"
             for i in range(1800)]
    doc = tmp_path / "tea_2033.txt"
    doc.write_text("三江县2033年茶产业测试简报\n\n三江县2033年建成茶叶加工厂8座。\n\n" + "\n\n".join(lines),
                   encoding="utf-8")
    assert doc.stat().st_size > 150_000
    page.click("text=文档管理")
    page.set_input_files("#upload input[type=file]", [str(doc)])
    page.wait_for_timeout(1500)
    page.click("#upload-btn")
    page.get_by_text("索引文档 tea_2033.txt").first.wait_for(timeout=60_000)  # the uploader sees progress

    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    other.goto(url)
    other.wait_for_selector("#status:has-text('已就绪')", timeout=30_000)
    for question, fact in [("柳北区高新技术企业保有量是多少家？", "52家"), ("2019年柳江区地区生产总值是多少？", "302.4亿元"),
                           ("柳江区2024年地区生产总值预期增长目标是多少？", "4.5%")]:
        started = time.perf_counter()
        submit(other, question)
        waited = time.perf_counter() - started
        assert fact in other.inner_text("#chat [data-testid=\"bot\"] >> nth=-1")
        assert "已索引" not in page.inner_text("#status"), "the upload finished before the question was answered"
        print(f"answered in {waited:.2f} s while the upload was being indexed")

    page.wait_for_selector("#status:has-text('已索引：tea_2033.txt')", timeout=600_000)
    submit(other, "三江县2033年建成了多少座茶叶加工厂？")
    assert "8座" in other.inner_text("#chat [data-testid=\"bot\"] >> nth=-1")
    other.click("#chat a.cite >> nth=-1")
    other.wait_for_selector("#sources .source-card.selected:has-text('tea_2033.txt')", timeout=30_000)
    other.context.close()


@pytest.mark.llm
def test_generated_answer_streams_with_verified_citations(page):
    page.click("text=设置")
    page.get_by_label("本地模型生成").check()
    submit(page, "柳北区高新技术企业保有量是多少家？")
    page.wait_for_selector("#sources .verified", timeout=120_000)
    assert "52" in page.inner_text("#chat [data-testid=\"bot\"] >> nth=-1")
    assert "已核对" in page.inner_text("#sources")
    page.screenshot(path=str(ARTIFACTS / "ui-generated.png"), full_page=True)
    page.get_by_label("抽取式（原文摘句）").check()
