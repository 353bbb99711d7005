"""The chat UI in a real browser: ui.py on a free localhost port, driven by headless Chromium.

Screenshots go to ``$QA_ARTIFACTS_DIR`` (default ``artifacts/`` in the repo).
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from documents import write_docx, write_pdf, write_scanned_pdf
from qa.config import REPO_ROOT

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(os.environ.get("QA_ARTIFACTS_DIR", REPO_ROOT / "artifacts"))
#: how often a question is submitted before giving up (Enter is ignored while the previous event ends)
SUBMIT_TRIES = 5
UPLOAD = "鹿寨县2031年测试简报\n\n鹿寨县2031年建成蓝莓采摘园27个，带动农户增收3600万元。\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_ui(root: Path, wait: bool = True) -> tuple[subprocess.Popen, str]:
    """ui.py on the corpus and index folders under ``root``, on a free port; with ``wait``,
    returns once the page is served."""
    port = free_port()
    env = {**os.environ, "QA_CORPUS_DIR": str(root / "corpus"), "QA_INDEX_DIR": str(root / "index")}
    log = (root / "ui.log").open("w")
    proc = subprocess.Popen([sys.executable, "ui.py", "--port", str(port)], cwd=REPO_ROOT, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 180
    while wait and time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("ui.py exited: " + (root / "ui.log").read_text())
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    else:
        if wait:
            proc.kill()
            raise RuntimeError("ui.py did not start: " + (root / "ui.log").read_text())
    return proc, url


@pytest.fixture(scope="module")
def server(tmp_path_factory, settings, engine):
    """ui.py on its own corpus and index copies, on a free port."""
    import shutil

    root = tmp_path_factory.mktemp("ui")
    shutil.copytree(settings.corpus_dir, root / "corpus")
    shutil.copytree(settings.index_dir, root / "index")
    proc, url = start_ui(root)
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
    the chat takes one question at a time); returns the count before.

    The previous answer can be on the page a moment before its event ends (on a busy
    machine, longer); an Enter pressed meanwhile is ignored (one question at a time) and
    the question stays in the box, so Enter is pressed again, as a user would, until the
    chat takes it: the box is emptied when a question is taken."""
    before = bot_count(page)
    page.fill("#question textarea", question)
    for _ in range(SUBMIT_TRIES):
        page.keyboard.press("Enter")
        try:
            page.wait_for_function("document.querySelector('#question textarea').value === ''", timeout=5_000)
            break
        except PlaywrightTimeout:
            page.focus("#question textarea")
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
    meta = page.inner_text("#sources .source-card.selected .meta")
    assert "柳江区政府工作报告（2020年2月17日）" in meta and "第16段" in meta and "检索第" in meta
    assert "002_00d87999ceab6728" not in meta  # the file name only in the details line
    assert "002_00d87999ceab6728.txt" in page.inner_text("#sources .source-card.selected .file")
    assert "初步预计，2019年全区完成地区生产总值302.4亿元" in card
    assert "302.4亿元" in page.inner_text("#sources .source-card.selected mark")
    page.click("#sources .source-card.selected summary")  # the surrounding original text
    context = page.inner_text("#sources .source-card.selected pre")
    assert "302.4" in page.inner_text("#sources .source-card.selected pre mark")
    page.wait_for_function(  # the context scrolled to its highlight
        "(() => { const pre = document.querySelector('#sources .source-card.selected pre');"
        " const m = pre.querySelector('mark').getBoundingClientRect(), p = pre.getBoundingClientRect();"
        " return m.top >= p.top && m.bottom <= p.bottom; })()", timeout=5_000)
    assert len(context) > len(card)  # the paragraph with the original text around it
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-chat-source.png"), full_page=True)


def test_follow_up_and_refusal(page):
    submit(page, "2019年柳江区地区生产总值是多少？")
    submit(page, "那2023年呢？")
    page.wait_for_function("document.querySelector('#chat').innerText.includes('294.26亿元')", timeout=60_000)
    assert "理解为" in page.inner_text("#sources")  # the rewritten question is shown
    before = submit(page, "北京冬奥会中国队获得了多少枚金牌？")
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


def test_upload_pdf_word_and_gbk_documents_and_ask_about_each(page, server, tmp_path):
    _, root = server
    pdf = write_pdf(UPLOAD.split("\n\n"), tmp_path / "luzhai_2031.pdf")
    docx = write_docx(["融安县2032年测试简报", "融安县2032年新建金桔冷库14座，库容共计2.8万吨。"], tmp_path / "rongan_2032.docx")
    gbk = tmp_path / "sanjiang_2034.txt"
    gbk.write_bytes("三江县2034年测试简报\n\n三江县2034年接待游客615万人次。\n".encode("gbk"))
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00" * 64)
    scan = write_scanned_pdf(tmp_path / "scan.pdf")
    page.click("text=文档管理")
    page.set_input_files("#upload input[type=file]", [str(pdf), str(docx), str(gbk), str(bad), str(scan)])
    page.wait_for_timeout(1500)
    page.click("#upload-btn")
    page.wait_for_selector("#upload-status:has-text('已索引')", timeout=120_000)
    status = page.inner_text("#upload-status")
    assert "鹿寨县2031年测试简报" in status and "PDF，1页" in status and "DOCX" in status and "GB18030" in status
    assert "binary.txt" in status and "扫描件" in status  # refused, with the reason, next to the uploader
    docs = page.inner_text("#docs")
    assert "融安县2032年测试简报" in docs and "PDF，1页" in docs
    for name in ("luzhai_2031.pdf", "rongan_2032.docx", "sanjiang_2034.txt"):
        assert (root / "corpus" / name).exists()
    assert not (root / "corpus" / "binary.txt").exists() and not (root / "corpus" / "scan.pdf").exists()
    for question, fact, card in [("鹿寨县2031年建成了多少个蓝莓采摘园？", "27个", "第1页"),
                                 ("融安县2032年新建了多少座金桔冷库？", "14座", "融安县2032年测试简报"),
                                 ("三江县2034年接待游客多少人次？", "615万人次", "三江县2034年测试简报")]:
        submit(page, question)
        assert fact in page.inner_text("#chat [data-testid=\"bot\"] >> nth=-1")
        page.click("#chat a.cite >> nth=-1")
        page.wait_for_selector(f"#sources .source-card.selected .meta:has-text('{card}')", timeout=30_000)
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
    page.get_by_text("索引 1/1：三江县2033年茶产业测试简报").first.wait_for(timeout=60_000)  # the uploader sees progress

    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    other.goto(url)
    other.wait_for_selector("#status:has-text('已就绪')", timeout=30_000)
    for question, fact in [("柳北区高新技术企业保有量是多少家？", "52家"), ("2019年柳江区地区生产总值是多少？", "302.4亿元"),
                           ("柳江区2024年地区生产总值预期增长目标是多少？", "4.5%")]:
        started = time.perf_counter()
        submit(other, question)
        waited = time.perf_counter() - started
        assert fact in other.inner_text("#chat [data-testid=\"bot\"] >> nth=-1")
        assert "已索引" not in page.inner_text("#upload-status"), "the upload finished before the question was answered"
        print(f"answered in {waited:.2f} s while the upload was being indexed")

    page.wait_for_selector("#upload-status:has-text('已索引：三江县2033年茶产业测试简报')", timeout=600_000)
    submit(other, "三江县2033年建成了多少座茶叶加工厂？")
    assert "8座" in other.inner_text("#chat [data-testid=\"bot\"] >> nth=-1")
    other.click("#chat a.cite >> nth=-1")
    other.wait_for_selector("#sources .source-card.selected:has-text('tea_2033.txt')", timeout=30_000)
    other.context.close()


def test_a_cold_start_names_its_phases_and_opens_the_box_when_ready(server, browser, tmp_path):
    """A page opened while the server still loads the model shows the phase, with the box disabled."""
    import shutil

    _, root = server
    shutil.copytree(root / "corpus", tmp_path / "corpus")
    shutil.copytree(root / "index", tmp_path / "index")
    proc, url = start_ui(tmp_path)
    try:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector("text=加载模型", timeout=60_000)
        assert page.locator("#question textarea").is_disabled() and page.locator("#ask").is_disabled()
        page.wait_for_selector("#status:has-text('已就绪')", timeout=120_000)
        assert page.locator("#question textarea").is_enabled()
        submit(page, "柳北区高新技术企业保有量是多少家？")
        assert "52家" in page.inner_text("#chat [data-testid=\"bot\"] >> nth=-1")
        context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_the_copy_button_copies_plain_text_with_the_sources_and_labels_are_chinese(server, browser):
    url, _ = server
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("#status:has-text('已就绪')", timeout=120_000)
    submit(page, "2019年柳江区地区生产总值是多少？")
    page.locator('#chat [data-testid="bot"]').last.hover()
    page.locator('#chat button[aria-label="复制"]').last.click()  # Gradio's label, in Chinese for an English browser
    copied = page.wait_for_function("navigator.clipboard.readText()").json_value()
    assert copied.startswith("302.4亿元。原文：") and "<" not in copied
    assert "来源：\n- [1] 《柳江区政府工作报告（2020年2月17日）》 第16段：" in copied
    body = page.inner_text("body")
    assert "Copy" not in body and "Drop File Here" not in body
    context.close()


def test_the_conversation_survives_a_reload_and_past_ones_can_be_reopened(page):
    submit(page, "2019年柳江区地区生产总值是多少？")
    submit(page, "那2023年呢？")
    page.wait_for_timeout(1500)  # the browser stores the conversation just after the answer
    page.reload()
    page.wait_for_selector("#status:has-text('已就绪')", timeout=60_000)
    wait_for_bots(page, 2)
    assert "294.26亿元" in page.inner_text("#chat")
    page.click("#chat a.cite >> nth=0")  # citations of a restored answer still open
    page.wait_for_selector("#sources .source-card.selected:has-text('302.4亿元')", timeout=30_000)
    page.click("#clear")  # a new conversation; the old one stays in the list
    wait_for_bots(page, 0)
    submit(page, "柳北区高新技术企业保有量是多少家？")
    page.wait_for_timeout(1000)
    page.reload()
    page.wait_for_selector("#status:has-text('已就绪')", timeout=60_000)
    wait_for_bots(page, 1)
    assert "52家" in page.inner_text("#chat")
    page.click("#history input")
    page.get_by_role("option", name=re.compile("2019年柳江区地区生产总值")).click()
    wait_for_bots(page, 2)
    assert "302.4亿元" in page.inner_text("#chat") and "52家" not in page.inner_text("#chat")
    submit(page, "那2024年呢？")  # the reopened conversation goes on, follow-ups included
    assert "理解为" in page.inner_text("#sources")


def test_an_example_question_is_asked_on_click(page):
    page.click("#examples button:has-text('柳北区高新技术企业保有量是多少家？')")
    page.wait_for_selector("#chat a.cite", timeout=60_000)
    assert "52家" in page.inner_text("#chat [data-testid=\"bot\"] >> nth=-1")
    assert page.input_value("#question textarea") == ""


def test_deleting_a_document_asks_first(page, server, tmp_path):
    _, root = server
    doc = tmp_path / "liucheng_2035.txt"
    doc.write_text("柳城县2035年测试简报\n\n柳城县2035年新建蔗糖仓库3座。\n", encoding="utf-8")
    page.click("text=文档管理")
    page.set_input_files("#upload input[type=file]", [str(doc)])
    page.wait_for_timeout(1500)
    page.click("#upload-btn")
    page.wait_for_selector("#upload-status:has-text('柳城县2035年测试简报')", timeout=120_000)
    page.click("#doc-choice input")
    page.get_by_role("option", name="柳城县2035年测试简报", exact=True).click()  # its year is in its title
    page.click("#remove-btn")
    page.wait_for_selector("#confirm-remove:has-text('确定删除《柳城县2035年测试简报》')", timeout=20_000)
    page.click("#cancel-remove-btn")
    page.wait_for_selector("#confirm-remove", state="hidden", timeout=20_000)
    assert (root / "corpus" / "liucheng_2035.txt").exists()  # cancelled: nothing deleted
    page.click("#remove-btn")
    page.click("#confirm-remove-btn")
    page.wait_for_selector("#upload-status:has-text('已删除：柳城县2035年测试简报')", timeout=120_000)
    assert not (root / "corpus" / "liucheng_2035.txt").exists()
    assert "柳城县2035年测试简报" not in page.inner_text("#docs")


def test_on_a_phone_the_ask_button_is_visible_and_a_citation_tap_shows_its_source(server, browser):
    url, _ = server
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.goto(url)
    phone.wait_for_selector("#status:has-text('已就绪')", timeout=120_000)
    ask = phone.locator("#ask").bounding_box()
    assert ask and ask["y"] + ask["height"] <= 844, f"the ask button is below the fold: {ask}"
    submit(phone, "2019年柳江区地区生产总值是多少？")
    phone.locator("#chat a.cite").first.tap()
    phone.wait_for_selector("#sources .source-card.selected", timeout=30_000)
    phone.wait_for_function("(() => { const r = document.querySelector('#sources .source-card.selected')"
                            ".getBoundingClientRect(); return r.top >= -1 && r.top < window.innerHeight - 40; })()",
                            timeout=10_000)
    phone.screenshot(path=str(ARTIFACTS / "ui-phone-source.png"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling
    context.close()


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
