"""Index persistence, incremental rebuilds, atomic writes and corruption recovery."""
from __future__ import annotations

import json
import logging

import pytest

from qa.errors import CorpusError
from qa.engine import Engine
from qa.errors import IndexLoadError
from qa.index.store import MANIFEST

NEW_DOC = "柳州市鱼峰区2030年测试公报\n\n鱼峰区2030年全年种植紫色向日葵1234亩，比上年增长12.5%。\n"


def files(settings):
    manifest = json.loads((settings.index_dir / MANIFEST).read_text(encoding="utf-8"))
    return manifest, {role: settings.index_dir / f["name"] for role, f in manifest["files"].items()}


def test_index_persists_and_loads_identically(small_settings):
    eng = Engine(small_settings)
    first = eng.build()
    assert first.documents == 1 and first.embedded_chunks == first.chunks > 10
    scratch_settings = small_settings
    manifest, paths = files(scratch_settings)
    assert manifest["dimension"] == 384 and set(manifest["documents"]) == {p.name for p in scratch_settings.corpus_dir.glob("*.txt")}
    assert all(p.is_file() for p in paths.values())
    loaded = eng.indexer.load()
    assert [c.text for c in loaded.chunks] == [c.text for c in eng.ready().chunks]
    assert loaded.faiss_index.ntotal == len(loaded.chunks)
    # a second build embeds nothing
    again = Engine(scratch_settings).build()
    assert again.embedded_chunks == 0 and not again.changed


def test_adding_changing_and_removing_one_document_reembeds_only_it(scratch_settings):
    eng = Engine(scratch_settings)
    eng.build()
    (scratch_settings.corpus_dir / "new.txt").write_text(NEW_DOC, encoding="utf-8")
    added = eng.build()
    assert added.embedded_documents == ["new.txt"] and added.documents == 6
    answer = eng.ask("鱼峰区2030年种植了多少亩紫色向日葵？")
    assert not answer.refused and "1234亩" in answer.text and answer.citations[0].doc == "new.txt"

    (scratch_settings.corpus_dir / "new.txt").write_text(NEW_DOC.replace("1234", "4321"), encoding="utf-8")
    changed = eng.build()
    assert changed.embedded_documents == ["new.txt"]
    assert "4321亩" in eng.ask("鱼峰区2030年种植了多少亩紫色向日葵？").text

    (scratch_settings.corpus_dir / "new.txt").unlink()
    removed = eng.build()
    assert removed.removed_documents == ["new.txt"] and removed.embedded_chunks == 0
    assert all(c.doc != "new.txt" for c in eng.ready().chunks)


def test_changing_chunk_settings_rebuilds_everything(small_settings):
    Engine(small_settings).build()
    report = Engine(small_settings.replace(chunk_size=200)).build()
    assert "other settings" in report.rebuilt_reason
    assert report.embedded_documents == ["004_45388f9687e1de59.txt"]


@pytest.mark.parametrize("damage", ["truncate_vectors", "garble_chunks", "bad_manifest", "missing_file"])
def test_corrupt_index_is_detected_reported_and_rebuilt(small_settings, caplog, damage):
    scratch_settings = small_settings
    eng = Engine(scratch_settings)
    eng.build()
    _, paths = files(scratch_settings)
    if damage == "truncate_vectors":
        data = paths["vectors"].read_bytes()
        paths["vectors"].write_bytes(data[: len(data) // 2])
    elif damage == "garble_chunks":
        paths["chunks"].write_text("not json\n", encoding="utf-8")
    elif damage == "bad_manifest":
        (scratch_settings.index_dir / MANIFEST).write_text("{broken", encoding="utf-8")
    else:
        paths["chunks"].unlink()
    fresh = Engine(scratch_settings)
    with pytest.raises(IndexLoadError):
        fresh.indexer.load()
    with caplog.at_level(logging.WARNING, logger="qa.index.indexer"):
        report = fresh.build()
    assert report.rebuilt_reason and report.embedded_documents == ["004_45388f9687e1de59.txt"]
    assert any("rebuilding" in r.message for r in caplog.records)
    assert fresh.indexer.load().faiss_index.ntotal == report.chunks
    assert "52家" in fresh.ask("柳北区高新技术企业保有量是多少家？").text


def test_crash_before_manifest_keeps_the_previous_index(small_settings, monkeypatch):
    scratch_settings = small_settings
    eng = Engine(scratch_settings)
    eng.build()
    before, _ = files(scratch_settings)
    (scratch_settings.corpus_dir / "new.txt").write_text(NEW_DOC, encoding="utf-8")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("simulated crash while writing the manifest")

    import qa.index.store as store
    real = store.atomic_write
    monkeypatch.setattr(store, "atomic_write",
                        lambda path, write: crash() if path.name == MANIFEST else real(path, write))
    with pytest.raises(KeyboardInterrupt):
        Engine(scratch_settings).build()
    monkeypatch.undo()
    after, _ = files(scratch_settings)
    assert after == before  # the old manifest, naming the old files
    loaded = eng.indexer.load()
    assert all(c.doc != "new.txt" for c in loaded.chunks)


def test_gbk_and_utf16_files_are_read_binary_and_empty_ones_skipped_with_a_warning(scratch_settings, caplog):
    (scratch_settings.corpus_dir / "gbk.txt").write_bytes(NEW_DOC.encode("gbk"))
    (scratch_settings.corpus_dir / "utf16.txt").write_bytes(NEW_DOC.replace("鱼峰区", "柳南区").encode("utf-16"))
    (scratch_settings.corpus_dir / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (scratch_settings.corpus_dir / "empty.txt").write_text("  \n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="qa.ingest.corpus"):
        eng = Engine(scratch_settings)
        report = eng.build()
    assert {s.name for s in report.skipped} == {"binary.txt", "empty.txt"}
    assert sorted(report.embedded_documents) == ["gbk.txt", "utf16.txt"]
    assert any("binary.txt" in r.message for r in caplog.records)
    assert eng.documents()["gbk.txt"]["encoding"] == "gb18030" and eng.documents()["utf16.txt"]["encoding"] == "utf-16"
    answer = eng.ask("鱼峰区2030年种植了多少亩紫色向日葵？")
    assert "1234亩" in answer.text and answer.citations[0].doc == "gbk.txt"
    cited = answer.citations[0]
    original = eng.source_text("gbk.txt")  # spans point into the decoded original
    assert "1234亩" in original[cited.highlight[0]:cited.highlight[1]]


def test_missing_or_empty_corpus_is_a_clear_error(tmp_path, settings):
    with pytest.raises(CorpusError, match="does not exist"):
        Engine(settings.replace(corpus_dir=tmp_path / "nope", index_dir=tmp_path / "i")).build()
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="no usable"):
        Engine(settings.replace(corpus_dir=tmp_path / "empty", index_dir=tmp_path / "i")).build()


def test_upload_and_remove_through_the_engine(scratch_settings, tmp_path):
    eng = Engine(scratch_settings)
    eng.build()
    good = tmp_path / "upload.txt"
    good.write_text(NEW_DOC, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 64)
    report, refused = eng.add_documents([good, bad])
    assert report.embedded_documents == ["upload.txt"]
    assert [r.name for r in refused] == ["bad.txt"]
    assert "upload.txt" in eng.documents() and len(eng.documents()) == 6
    eng.remove_document("upload.txt")
    assert "upload.txt" not in eng.documents()
    with pytest.raises(CorpusError):
        eng.remove_document("upload.txt")
