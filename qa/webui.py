"""The chat in the browser (Gradio Blocks) on top of :class:`qa.engine.Engine`.

This module only formats and wires events; retrieval and answering happen in
the engine. Answers show clickable [n] markers; clicking one opens the cited
paragraph, with the evidence highlighted, in the sources panel beside the chat.
"""
from __future__ import annotations

import html
import logging
import re
import secrets
import threading
import time
from pathlib import Path

import gradio as gr

from .answering.extractive import RELATED_NOTE
from .chinese import MARKER
from .engine import Engine
from .errors import CorpusError, QAError
from .files import atomic_write
from .ingest.formats import SUFFIXES
from .records import Answer, AnswerMode, Passage, RetrievalMode, header_title

log = logging.getLogger(__name__)

#: characters of original text shown around a cited paragraph
CONTEXT_CHARS = 400
#: Gradio's own labels in Chinese whatever the browser's language (its zh-CN set lacks some,
#: e.g. the chat's "Copy message"); flat keys override its built-in translations
BUILT_IN_LABELS = {
    "chatbot.copy_message": "复制", "chatbot.copied_message": "已复制", "chatbot.clear": "清空对话",
    "chatbot.retry": "重试", "chatbot.undo": "撤销", "chatbot.edit": "编辑",
    "upload_text.drop_file": "将文件拖放到此处", "upload_text.click_to_upload": "点击上传",
    "upload_text.or": "或", "common.or": "或", "common.clear": "清除", "common.download": "下载",
    "common.loading": "加载中", "common.error": "错误", "common.remove": "移除", "common.submit": "提交",
    "common.settings": "设置", "common.language": "语言", "common.built_with_gradio": "使用 Gradio 构建",
    "dropdown.no_options": "没有选项",
}
I18N = gr.I18n(**{locale: BUILT_IN_LABELS for locale in ("en", "zh-CN", "zh", "zh-TW")})
#: conversations kept in the browser (localStorage), newest first, and turns kept of each
MAX_SAVED_CONVERSATIONS = 20
MAX_SAVED_TURNS = 50
QUESTION_PLACEHOLDER = "请输入问题，例如：2019年柳江区地区生产总值是多少？"
EXAMPLES = [
    "2019年柳江区地区生产总值是多少？",
    "柳江区2024年地区生产总值预期增长目标是多少？",
    "2024年上半年柳州全市地区生产总值是多少？",
    "柳北区高新技术企业保有量是多少家？",
    "柳江区开展“项目建设突破年”活动，“七个一批”项目总投资多少？",
]
ANSWER_MODES = {"抽取式（原文摘句）": AnswerMode.EXTRACTIVE, "本地模型生成": AnswerMode.LOCAL,
                "OpenAI 兼容接口": AnswerMode.OPENAI}
RETRIEVAL_MODES = {"混合检索": RetrievalMode.HYBRID, "关键词 BM25": RetrievalMode.BM25, "向量检索": RetrievalMode.DENSE}

CSS = """
.qa-hidden { display: none !important; }
a.cite { font-weight: 600; text-decoration: none; color: #1d4ed8; cursor: pointer; padding: 0 1px; }
a.cite:hover { text-decoration: underline; }
.source-card { border: 1px solid #d1d5db; border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; }
.source-card.selected { border: 2px solid #1d4ed8; background: #eff6ff; }
.source-card .meta { color: #4b5563; font-size: 0.85em; margin-bottom: 4px; }
.source-card .file { color: #9ca3af; font-size: 0.75em; margin-top: 4px; }
.relevance .bar { display: inline-block; width: 48px; height: 6px; background: #e5e7eb; border-radius: 3px;
  vertical-align: middle; }
.relevance .bar span { display: block; height: 6px; background: #1d4ed8; border-radius: 3px; }
.source-card mark { background: #fde68a; padding: 0 1px; }
.source-card pre { white-space: pre-wrap; font-family: inherit; font-size: 0.9em; max-height: 320px; overflow: auto; }
.refusal { color: #92400e; }
#ask-row { flex-wrap: nowrap !important; }
#ask { min-width: 64px !important; }
@media (max-width: 640px) {
  #chat { height: 52vh !important; }
}
.verified { color: #15803d; font-size: 0.8em; }
.unverified { color: #b91c1c; font-size: 0.8em; }
"""

#: clicking a marker [n] in a chat answer (its link is "#cite-<turn>-<n>"; the
#: chat's HTML sanitizer keeps href but drops data attributes) fills a hidden
#: box with "turn:n" and presses a hidden button, which renders that citation
#: (or related passage, for a refusal) in the sources panel
HEAD = r"""
<script>
document.addEventListener('click', function (event) {
  const link = event.target.closest('a.cite');
  if (!link) return;
  event.preventDefault();
  const parts = (link.getAttribute('href') || '').match(/^#(cite|related)-(\d+)-(\d+)$/);
  const box = document.querySelector('#cite-target textarea, #cite-target input');
  const button = document.querySelector('#cite-open');
  if (!parts || !box || !button) return;
  box.value = parts[2] + ':' + parts[3];
  box.dispatchEvent(new Event('input', { bubbles: true }));
  const before = document.querySelector('#sources .source-card.selected');
  setTimeout(function () { button.click(); }, 60);
  // bring the opened source into view when it is off screen (on a phone it is below the chat)
  let tries = 0;
  const reveal = setInterval(function () {
    const card = document.querySelector('#sources .source-card.selected');
    // a new card once the panel re-renders; the same one if it was already open (no re-render)
    if (card && (card !== before || tries > 8)) {
      clearInterval(reveal);
      const box = card.getBoundingClientRect();
      if (box.top < 0 || box.top > window.innerHeight - 80) card.scrollIntoView({ block: 'start' });
    } else if (tries > 100) { clearInterval(reveal); }
    tries++;
  }, 50);
});
// opening "查看原文上下文" scrolls the original text to its highlight
document.addEventListener('toggle', function (event) {
  const details = event.target;
  if (!details.open || !details.closest || !details.closest('.source-card')) return;
  const pre = details.querySelector('pre');
  const mark = pre && pre.querySelector('mark');
  if (mark) pre.scrollTop = Math.max(0, mark.offsetTop - pre.offsetTop - pre.clientHeight / 3);
}, true);
// the chat's copy button copies plain text with the sources listed, not the message's HTML
function qaPlainAnswer(markup) {
  const doc = new DOMParser().parseFromString(markup, 'text/html');
  const lines = [];
  doc.body.querySelectorAll('p, li').forEach(function (node) {
    const text = node.textContent.trim();
    if (text) lines.push(node.tagName === 'LI' ? '- ' + text : text);
  });
  return lines.join('\n');
}
function qaIsAnswer(text) { return typeof text === 'string' && /class="(cite|refusal|qa-sources)/.test(text); }
if (navigator.clipboard && navigator.clipboard.writeText) {
  const write = navigator.clipboard.writeText.bind(navigator.clipboard);
  navigator.clipboard.writeText = function (text) { return write(qaIsAnswer(text) ? qaPlainAnswer(text) : text); };
}
document.addEventListener('copy', function (event) {  // the fallback without the Clipboard API
  const field = event.target;
  if (field && field.tagName === 'TEXTAREA' && qaIsAnswer(field.value)) {
    event.clipboardData.setData('text/plain', qaPlainAnswer(field.value));
    event.preventDefault();
  }
}, true);
</script>
"""


# ----------------------------------------------------------------- rendering
def answer_html(answer: Answer, turn: int, names: dict[str, str] | None = None) -> str:
    """The chat message for an answer: text with clickable markers, or a refusal with related reading.

    Args:
        answer: the answer.
        turn: its number in the conversation (the markers' links carry it).
        names: file name -> display name of the documents (file names where absent).
    """
    names = names or {}
    if answer.refused:
        items = "".join(
            f'<li><a class="cite" href="#related-{turn}-{i}">'
            f"{html.escape(names.get(p.doc, p.doc))} {p.location}</a>：{html.escape(_snippet(p.text, 50))}</li>"
            for i, p in enumerate(answer.related, start=1)
        )
        related = f"<p>{RELATED_NOTE}</p><ol>{items}</ol>" if items else ""
        return f'<p class="refusal">{html.escape(answer.text)}</p>{related}'
    text = html.escape(answer.text)
    for short in filter(None, answer.short_answer.split("；")):  # the fact itself first, in bold
        escaped = html.escape(short)
        text = re.sub(r"(^|（\d+）)" + re.escape(escaped), lambda m: f"{m.group(1)}<b>{escaped}</b>", text, count=1)
    marked = MARKER.sub(
        lambda m: f'<a class="cite" href="#cite-{turn}-{m.group(1)}">[{m.group(1)}]</a>', text
    )
    # the sources, hidden in the chat (the panel shows them), for the copy button's plain text
    sources = "".join(
        f"<li>[{n}] 《{html.escape(names.get(c.doc, c.doc))}》 {c.location}："
        f"{html.escape(c.text[c.quote[0]:c.quote[1]] if c.quote else _snippet(c.text, 80))}</li>"
        for n, c in enumerate(answer.citations, start=1))
    hidden = f'<div class="qa-sources qa-hidden"><p>来源：</p><ul>{sources}</ul></div>' if sources else ""
    return f"<p>{marked}</p>{hidden}"


def _snippet(text: str, n: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


def _highlighted(text: str, span: tuple[int, int] | None) -> str:
    if not span:
        return html.escape(text)
    lo, hi = span
    return html.escape(text[:lo]) + "<mark>" + html.escape(text[lo:hi]) + "</mark>" + html.escape(text[hi:])


def source_card(passage: Passage, n: int, selected: bool, label: str, original: str | None,
                document: dict | None = None, rank: int = 0, share: float = 0.0) -> str:
    """One citation: document name, page and paragraph, retrieval rank, text with the
    evidence highlighted, and the surrounding ``original`` text of its document.

    Args:
        passage: the cited (or related) passage.
        n: its marker number.
        selected: the card the user opened (outlined).
        label: "来源" or "相关段落".
        original: the document's text (None when the file is gone).
        document: the document's index entry (display name, kind); None: unknown.
        rank: the passage's place among all retrieved passages (1 = best; 0 = not retrieved).
        share: its retrieval score as a share of the best one (0-1), drawn as a bar.
    """
    document = document or {}
    name = html.escape(document.get("display") or header_title(passage.header, passage.doc))
    check = ""
    if passage.verified is True:
        check = ' <span class="verified">✓ 已核对</span>'
    elif passage.verified is False:
        check = ' <span class="unverified">未核对</span>'
    relevance = ""
    if rank:
        width = round(100 * min(max(share, 0.0), 1.0))
        relevance = (f' · <span class="relevance" title="检索排名第{rank}（条形为相对最相关段落的得分）">'
                     f'检索第{rank}名 <span class="bar"><span style="width:{width}%"></span></span></span>')
    body = _highlighted(passage.text, passage.quote).replace("\n", "<br>")
    kind = f"（{html.escape(document['kind'])}）" if document.get("kind") else ""
    file_line = f'<div class="file">文件：{html.escape(passage.doc)}{kind}</div>'
    if original is None:
        details = "<p><i>原文件已不在语料库中。</i></p>"
    else:
        lo = max(0, passage.start - CONTEXT_CHARS)
        hi = min(len(original), passage.end + CONTEXT_CHARS)
        start, end = passage.highlight or (passage.start, passage.end)
        context = _highlighted(original[lo:hi], (start - lo, end - lo))
        details = (f"<details><summary>查看原文上下文（原文第 {passage.start}–{passage.end} 字）</summary>"
                   f"<pre>{context}</pre></details>")
    cls = "source-card selected" if selected else "source-card"
    return (f'<div class="{cls}" id="source-{n}"><div class="meta">{label} [{n}] 《{name}》 · '
            f"{passage.location}{relevance}{check}</div>"
            f"<div>{body}</div>{details}{file_line}</div>")


def sources_html(engine: Engine, answer: dict | None, selected: int | None = None) -> str:
    """The sources panel for one answer (its citations, or related reading for a refusal)."""
    if not answer:
        return "<p>提问后，这里显示答案引用的原文段落。点击答案中的 [1] 等标记可打开对应来源。</p>"
    obj: Answer = answer["answer"]
    passages = obj.related if obj.refused else obj.citations
    label = "相关段落" if obj.refused else "来源"
    if not passages:
        return "<p>这个回答没有引用来源。</p>"
    head = f"<p><b>问题：</b>{html.escape(obj.question)}</p>"
    if obj.standalone_question and obj.standalone_question != obj.question:
        head += f"<p><b>理解为：</b>{html.escape(obj.standalone_question)}</p>"
    originals: dict[str, str | None] = {}
    for p in passages:  # each source file is read once per render
        if p.doc not in originals:
            try:
                originals[p.doc] = engine.source_text(p.doc)
            except CorpusError:
                originals[p.doc] = None
    documents = engine.documents()
    ranked = {p.chunk_id: (rank, p.score) for rank, p in enumerate(obj.passages, start=1)}
    top = max((p.score for p in obj.passages), default=0.0) or 1.0
    cards = []
    for i, p in enumerate(passages, start=1):
        rank, score = ranked.get(p.chunk_id, (0, 0.0))
        cards.append(source_card(p, i, selected == i, label, originals[p.doc], documents.get(p.doc), rank, score / top))
    return head + "".join(cards)


def passages_html(engine: Engine, answer: dict | None) -> str:
    """All retrieved passages in rank order (the settings view)."""
    if not answer:
        return ""
    names = engine.display_names()
    rows = "".join(
        f"<tr><td>{i}</td><td>{p.score:.4f}</td><td>{html.escape(names.get(p.doc, p.doc))}</td><td>{p.location}</td>"
        f"<td>{html.escape(_snippet(p.text, 80))}</td></tr>"
        for i, p in enumerate(answer["answer"].passages, start=1)
    )
    return ("<table><thead><tr><th>排名</th><th>融合分数</th><th>文档</th><th>位置</th><th>内容</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def documents_view(engine: Engine) -> tuple[list[list], dict]:
    """Rows for the document list, and the matching update of the document dropdown."""
    documents = engine.documents()
    rows = [[entry.get("display", name), entry.get("kind", ""), entry["chunks"], entry.get("chars", 0), name]
            for name, entry in documents.items()]
    deletable = [(row[0], row[4]) for row in rows if not engine.is_protected(row[4])]
    return rows, gr.update(choices=deletable, value=None)


def _conversations(store) -> dict:
    """The saved conversations ({"current": id or None, "items": [...]}, newest first); anything
    else the browser holds (an older format, a damaged value) counts as none."""
    if not isinstance(store, dict) or not isinstance(store.get("items"), list):
        return {"current": None, "items": []}
    items = [i for i in store["items"] if isinstance(i, dict) and isinstance(i.get("id"), str)]
    return {"current": store.get("current") if isinstance(store.get("current"), str) else None, "items": items}


def _conversation(store: dict, conversation_id: str | None) -> dict | None:
    """The saved conversation with this id (None: no such one)."""
    return next((i for i in store["items"] if i["id"] == conversation_id), None)


def _conversation_choices(store: dict) -> dict:
    """The update of the saved-conversations dropdown."""
    return gr.update(choices=[(f"{i.get('when', '')} {i.get('title', '')}", i["id"]) for i in store["items"]],
                     value=store["current"])


def label_of(choices: dict, value) -> str:
    """The label of ``value`` in a {label: value} table (the first label when absent)."""
    return next((label for label, v in choices.items() if v == value), next(iter(choices)))


def browser_secret(folder: Path) -> str:
    """The key that encrypts conversations kept in browsers, created once in ``folder`` so that
    they survive a server restart (a new random key when the folder cannot be written)."""
    path = Path(folder) / "browser-state.key"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("cannot read %s (%s); saved conversations last until the server stops", path, exc)
        return secrets.token_urlsafe(24)
    key = secrets.token_urlsafe(24)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, lambda tmp: tmp.write_text(key, encoding="ascii"))
    except OSError as exc:
        log.warning("cannot keep the browser key in %s (%s); saved conversations last until the server stops",
                    path, exc)
    return key


# ------------------------------------------------------------- the handlers
class ChatHandlers:
    """The event handlers of the app; each returns the updates of its outputs.

    Args:
        engine: the engine every handler asks.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        #: what the preparation is doing: (fraction done, phase shown in the page)
        self._phase: tuple[float, str] = (0.0, "正在启动……")
        self._note = ""
        self._ready = threading.Event()
        self._started = threading.Lock()
        self._thread: threading.Thread | None = None

    @staticmethod
    def _progress(progress: gr.Progress):
        return lambda fraction, message: progress(fraction, desc=message)

    def start(self) -> None:
        """Start preparing (models, then the index) in the background, once; the server
        calls it when it starts, a page that opens first calls it too."""
        with self._started:
            if self._thread is None:
                self._thread = threading.Thread(target=self._prepare, name="qa-prepare", daemon=True)
                self._thread.start()

    def _prepare(self) -> None:
        try:
            if not self.engine.loaded:
                self._phase = (0.0, "加载模型（首次启动约1分钟）")
                self.engine.embedder.query("柳州")  # the model first: the index build then shows real progress
                report = self.engine.build(progress=lambda fraction, message: setattr(self, "_phase", (fraction, message)))
                skipped = report.skipped
            else:
                skipped = []
            self._phase = (1.0, "加载分词与索引")
            self.engine.warm_up()
            if skipped:
                self._note = " 跳过：" + "；".join(f"{s.name}（{s.reason}）" for s in skipped)
        except (QAError, OSError) as exc:
            log.exception("preparing the index failed")
            self._note = f"启动失败：{exc}"
        finally:
            self._ready.set()

    def startup(self, progress=gr.Progress()):
        """A page opened: show the preparation's phases until it is done, then enable the question box.
        Outputs: status, documents table, document dropdown, question box, ask button."""
        self.start()
        while not self._ready.wait(0.5):
            fraction, phase = self._phase
            progress(fraction, desc=phase)
        if not self.engine.loaded:
            return (self._note, gr.update(), gr.update(), gr.update(), gr.update())
        index = self.engine.ready()  # the index in use now (uploads since the start included)
        note = f"已就绪：{len(index.documents)} 个文档，{len(index.chunks)} 个段落块。{self._note}"
        return (note, *documents_view(self.engine),
                gr.update(interactive=True, placeholder=QUESTION_PLACEHOLDER), gr.update(interactive=True))

    def respond(self, message, chat, answers, k, mode_label, retrieval_label):
        """Answer one message, streaming into the chat; outputs: box, chat, answers, sources, passages, status."""
        chat = list(chat or [])
        answers = list(answers or [])
        keep = gr.update()
        try:
            stream = self.engine.ask_stream(
                message, k=int(k), mode=RETRIEVAL_MODES[retrieval_label], answer_mode=ANSWER_MODES[mode_label],
                history=[(a["answer"].standalone_question or a["answer"].question, a["answer"].text)
                         for a in answers])
        except QAError as exc:
            gr.Warning(str(exc))
            yield keep, chat, answers, keep, keep, keep
            return
        if not self.engine.loaded and self.engine.building.is_set():
            gr.Info("索引正在构建，问题将在构建完成后回答……")
        chat = chat + [{"role": "user", "content": message.strip()}, {"role": "assistant", "content": "……"}]
        # the box is emptied once, here: later updates keep what the user types meanwhile
        yield "", chat, answers, keep, keep, keep
        turn = len(answers)
        streamed = ""
        try:
            for piece in stream:
                streamed += piece
                chat[-1] = {"role": "assistant", "content": html.escape(streamed)}
                yield keep, chat, answers, keep, keep, keep
            answer = stream.answer
        except (QAError, OSError) as exc:
            log.exception("answering failed")
            chat[-1] = {"role": "assistant", "content": f"出错了：{html.escape(str(exc))}"}
            yield keep, chat, answers, keep, keep, keep
            return
        answers = answers + [{"answer": answer}]
        chat[-1] = {"role": "assistant", "content": answer_html(answer, turn, self.engine.display_names())}
        yield (keep, chat, answers, sources_html(self.engine, answers[-1], 1),
               passages_html(self.engine, answers[-1]), keep)

    def open_citation(self, target, answers):
        """Show citation ``turn:n`` in the sources panel."""
        try:
            turn, n = target.split(":")
            answer = (answers or [])[int(turn)]
        except (ValueError, IndexError):
            return gr.update(), gr.update()
        return sources_html(self.engine, answer, int(n)), passages_html(self.engine, answer)

    def clear(self, store):
        """Forget the visible and the hidden conversation (it stays in the saved list; the next
        question starts a new one). Outputs: chat, answers, sources, passages, store."""
        store = _conversations(store)
        return [], [], sources_html(self.engine, None), "", {**store, "current": None}

    # ------------------------------------------------- conversations saved in the browser
    def save(self, answers, store):
        """After an answer: save the conversation in the browser. Outputs: store, list of conversations."""
        store = _conversations(store)
        if not answers:
            return store, gr.update()
        current = store["current"] or f"c{time.time_ns()}"
        item = {"id": current, "title": _snippet(answers[0]["answer"].question, 24),
                "when": time.strftime("%m-%d %H:%M"),
                "turns": [a["answer"].to_dict(passages=True) for a in answers][-MAX_SAVED_TURNS:]}
        items = [item] + [i for i in store["items"] if i.get("id") != current]
        store = {"current": current, "items": items[:MAX_SAVED_CONVERSATIONS]}
        return store, _conversation_choices(store)

    def restore(self, store):
        """A page opened: show the conversation it had (the browser kept it).
        Outputs: chat, answers, sources, passages, list of conversations."""
        store = _conversations(store)
        return (*self._opened(_conversation(store, store["current"])), _conversation_choices(store))

    def open_conversation(self, chosen, store):
        """Open a saved conversation. Outputs: chat, answers, sources, passages, store."""
        store = _conversations(store)
        item = _conversation(store, chosen)
        if item is None:
            return gr.update(), gr.update(), gr.update(), gr.update(), store
        return (*self._opened(item), {**store, "current": chosen})

    def _opened(self, item: dict | None) -> tuple:
        """chat, answers, sources, passages for a saved conversation (damaged turns are left out)."""
        answers = []
        for turn in (item or {}).get("turns", ()):
            try:
                answers.append({"answer": Answer.from_dict(turn)})
            except (KeyError, TypeError, ValueError, AttributeError):
                log.warning("a saved turn of conversation %s is damaged; left out", (item or {}).get("id"))
        names = self.engine.display_names() if answers else {}
        chat = []
        for turn, entry in enumerate(answers):
            answer = entry["answer"]
            chat += [{"role": "user", "content": answer.question},
                     {"role": "assistant", "content": answer_html(answer, turn, names)}]
        last = answers[-1] if answers else None
        return chat, answers, sources_html(self.engine, last, 1 if last else None), passages_html(self.engine, last)

    def upload(self, files, progress=gr.Progress()):
        """Add files to the corpus and index them."""
        if not files:
            gr.Warning("请先选择要上传的文件（.txt、.pdf、.docx、.html、.md）。")
            return gr.update(), gr.update(), gr.update(), None
        paths = [Path(f if isinstance(f, str) else f.name) for f in files]
        report, refused = self.engine.add_documents(paths, progress=self._progress(progress))
        for r in refused:
            gr.Warning(f"{r.name}：{r.reason}，未添加。")
        for name in report.flagged_documents:
            gr.Warning(f"{name} 含有像是给系统下指令的文字（如“系统指令”“只回答”），这些段落不会用作答案依据。")
        documents = self.engine.documents()
        added = "，".join(f"{documents[name].get('display', name)}（{documents[name].get('kind', '')}）"
                         for name in report.embedded_documents) or "无"
        note = f"已索引：{added}（共 {report.documents} 个文档）"
        if refused:
            note += "。未添加：" + "；".join(f"{r.name}（{r.reason}）" for r in refused)
        return (note, *documents_view(self.engine), None)

    def ask_removal(self, name):
        """The delete button: ask for confirmation (outputs: confirmation row, its question)."""
        if not name:
            gr.Warning("请先选择要删除的文档。")
            return gr.update(visible=False), gr.update()
        if self.engine.is_protected(name):
            gr.Warning("这个文档受保护，不能删除。")
            return gr.update(visible=False), gr.update()
        shown = self.engine.display_names().get(name, name)
        return gr.update(visible=True), f"确定删除《{html.escape(shown)}》吗？删除后需重新上传才能恢复。"

    def remove(self, name, progress=gr.Progress()):
        """Delete one document from the corpus and the index (after the confirmation).
        Outputs: upload status, documents table, document dropdown, confirmation row."""
        hide = gr.update(visible=False)
        if not name:
            gr.Warning("请先选择要删除的文档。")
            return gr.update(), gr.update(), gr.update(), hide
        shown = self.engine.display_names().get(name, name)
        try:
            self.engine.remove_document(name, progress=self._progress(progress))
        except CorpusError as exc:
            gr.Warning(str(exc))
            return gr.update(), gr.update(), gr.update(), hide
        return (f"已删除：{shown}", *documents_view(self.engine), hide)


# ------------------------------------------------------------------ the app
def build_app(engine: Engine, handlers: ChatHandlers | None = None) -> gr.Blocks:
    """The Gradio Blocks app for ``engine``: the layout, and each event wired to a handler.

    Args:
        engine: the engine every handler asks.
        handlers: the handlers (default: new ones; :func:`launch` passes handlers it has started).
    """
    handlers = handlers or ChatHandlers(engine)
    settings = engine.settings
    with gr.Blocks(title="柳州政务文件问答") as app:
        gr.Markdown("## 柳州政务文件问答\n基于柳州市、柳江区、柳北区的政府工作报告与新闻稿回答问题。"
                    "每句回答都标有来源 [1]，点击即可查看原文；文档中没有答案时会直接说明。")
        status = gr.Markdown("正在准备模型与索引……", elem_id="status")
        answers = gr.State([])
        # the conversations, kept by the browser across reloads (encrypted with a key kept on this machine)
        store = gr.BrowserState({"current": None, "items": []}, storage_key="qa-liuzhou-conversations",
                                secret=browser_secret(settings.cache_dir))
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="对话", height=520, elem_id="chat", sanitize_html=True, buttons=["copy"],
                                  placeholder="请在下方输入问题。")
                with gr.Row(elem_id="ask-row"):
                    box = gr.Textbox(placeholder="正在准备，请稍候……", show_label=False, scale=5, min_width=120,
                                     elem_id="question", max_lines=4, interactive=False)
                    ask_btn = gr.Button("提问", variant="primary", scale=1, min_width=64, elem_id="ask",
                                        interactive=False)
                with gr.Row():
                    clear = gr.Button("清空对话（开始新对话）", size="sm", elem_id="clear", scale=1)
                    history = gr.Dropdown(label="历史对话", choices=[], elem_id="history", scale=2,
                                          show_label=False, info=None, interactive=True)
                examples = gr.Examples(EXAMPLES, inputs=box, label="示例问题（点击即提问）", elem_id="examples")
            with gr.Column(scale=2):
                gr.Markdown("### 来源")
                sources = gr.HTML(sources_html(engine, None), elem_id="sources")
        with gr.Accordion("设置", open=False):
            k = gr.Slider(1, 10, value=settings.top_k, step=1, label="检索段落数")
            usable = engine.available_answer_modes()
            modes = {label: m for label, m in ANSWER_MODES.items() if m in usable}
            mode = gr.Radio(list(modes), value=label_of(modes, settings.answer_mode), label="回答方式",
                            elem_id="answer-mode")
            retrieval = gr.Radio(list(RETRIEVAL_MODES), value=label_of(RETRIEVAL_MODES, settings.retrieval_mode),
                                 label="检索方式", elem_id="retrieval-mode")
            gr.Markdown("#### 检索到的段落（含分数）")
            passages = gr.HTML("", elem_id="passages")
        with gr.Accordion("文档管理", open=False):
            upload_status = gr.Markdown("", elem_id="upload-status")
            docs = gr.Dataframe(headers=["文档", "格式", "段落块", "字数", "文件"], interactive=False, elem_id="docs")
            files = gr.File(label="上传文档：PDF（带文字层）、Word（.docx）、网页（.html）、Markdown 或文本"
                                  "（UTF-8、GBK/GB18030、UTF-16）", file_count="multiple",
                            file_types=sorted(SUFFIXES),
                            elem_id="upload")
            with gr.Row():
                upload_btn = gr.Button("添加到语料库", elem_id="upload-btn")
                doc_choice = gr.Dropdown(label="选择文档", choices=[], elem_id="doc-choice")
                remove_btn = gr.Button("删除所选文档", variant="stop", elem_id="remove-btn")
            with gr.Row(visible=False, elem_id="confirm-remove") as confirm_row:
                confirm_text = gr.Markdown("")
                confirm_btn = gr.Button("确认删除", variant="stop", elem_id="confirm-remove-btn")
                cancel_btn = gr.Button("取消", elem_id="cancel-remove-btn")
        cite_target = gr.Textbox(elem_id="cite-target", elem_classes=["qa-hidden"], show_label=False)
        cite_open = gr.Button("open", elem_id="cite-open", elem_classes=["qa-hidden"])

        app.load(handlers.startup, outputs=[status, docs, doc_choice, box, ask_btn]).then(
            handlers.restore, [store], [chat, answers, sources, passages, history])
        inputs = [box, chat, answers, k, mode, retrieval]
        outputs = [box, chat, answers, sources, passages, status]
        box.submit(handlers.respond, inputs, outputs, trigger_mode="once").then(
            handlers.save, [answers, store], [store, history])
        examples.load_input_event.then(handlers.respond, inputs, outputs, trigger_mode="once").then(
            handlers.save, [answers, store], [store, history])
        ask_btn.click(handlers.respond, inputs, outputs, trigger_mode="once").then(
            handlers.save, [answers, store], [store, history])
        cleared = [chat, answers, sources, passages, store]
        clear.click(handlers.clear, [store], cleared).then(lambda: gr.update(value=None), outputs=[history])
        chat.clear(handlers.clear, [store], cleared).then(lambda: gr.update(value=None), outputs=[history])
        history.input(handlers.open_conversation, [history, store], [chat, answers, sources, passages, store])
        cite_open.click(handlers.open_citation, [cite_target, answers], [sources, passages])
        upload_btn.click(handlers.upload, [files], [upload_status, docs, doc_choice, files])
        remove_btn.click(handlers.ask_removal, [doc_choice], [confirm_row, confirm_text])
        confirm_btn.click(handlers.remove, [doc_choice], [upload_status, docs, doc_choice, confirm_row])
        cancel_btn.click(lambda: gr.update(visible=False), outputs=[confirm_row])
    return app


def launch(engine: Engine, host: str, port: int, **kwargs) -> None:
    """Start the app (blocking unless ``prevent_thread_lock=True`` is passed)."""
    handlers = ChatHandlers(engine)
    handlers.start()  # models and index load now, not when the first page opens
    app = build_app(engine, handlers)
    app.queue(default_concurrency_limit=1)
    app.launch(server_name=host, server_port=port, css=CSS, head=HEAD, show_error=True,
               footer_links=[], i18n=I18N, **kwargs)
