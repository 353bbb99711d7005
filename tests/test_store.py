"""Index persistence, incremental rebuilds, atomic writes and corruption recovery."""
from __future__ import annotations

import json
import logging
import shutil

import pytest

from qa.errors import CorpusError
from qa.engine import Engine
from qa.errors import IndexLoadError
from qa.index.keyword import KeywordIndex
from qa.index.store import COMPACT_FRACTION, MANIFEST

NEW_DOC = "柳州市鱼峰区2030年测试公报\n\n鱼峰区2030年全年种植紫色向日葵1234亩，比上年增长12.5%。\n"


def files(settings):
    """The manifest, the database and the snapshot files the database names."""
    index = Engine(settings).indexer.load()
    snapshot = index.manifest["snapshot"]
    paths = {"database": settings.index_dir / index.manifest["database"],
             "vectors": settings.index_dir / snapshot["vectors"], "keyword": settings.index_dir / snapshot["keyword"]}
    manifest = json.loads((settings.index_dir / MANIFEST).read_text(encoding="utf-8"))
    index.close()
    return manifest, paths


def test_index_persists_and_loads_identically(small_settings):
    eng = Engine(small_settings)
    first = eng.build()
    assert first.documents == 1 and first.embedded_chunks == first.chunks > 10
    manifest, paths = files(small_settings)
    loaded = eng.indexer.load()
    assert loaded.dimension == 384 and set(loaded.documents) == {p.name for p in small_settings.corpus_dir.glob("*.txt")}
    assert all(p.exists() for p in paths.values()) and manifest["database"] == paths["database"].name
    assert [c.text for c in loaded.iter_chunks()] == [c.text for c in eng.ready().iter_chunks()]
    assert loaded.size == first.chunks and loaded.snapshot_ok
    # a second build embeds nothing
    again = Engine(small_settings).build()
    assert again.embedded_chunks == 0 and not again.changed


def test_adding_changing_and_removing_one_document_reembeds_only_it(scratch_settings):
    eng = Engine(scratch_settings)
    eng.build()
    _, before = files(scratch_settings)
    stamps = {role: p.stat().st_mtime_ns for role, p in before.items() if role != "database"}
    (scratch_settings.corpus_dir / "new.txt").write_text(NEW_DOC, encoding="utf-8")
    added = eng.build()
    assert added.embedded_documents == ["new.txt"] and added.documents == 6
    answer = eng.ask("鱼峰区2030年种植了多少亩紫色向日葵？")
    assert not answer.refused and "1234亩" in answer.text and answer.citations[0].doc == "new.txt"
    # one document is one transaction: the search snapshots of the other 218 chunks were not rewritten
    _, after = files(scratch_settings)
    assert after == before and {r: p.stat().st_mtime_ns for r, p in after.items() if r != "database"} == stamps
    fresh = Engine(scratch_settings)  # a new process finds it too (snapshot plus the database's newer rows)
    assert "1234亩" in fresh.ask("鱼峰区2030年种植了多少亩紫色向日葵？").text

    (scratch_settings.corpus_dir / "new.txt").write_text(NEW_DOC.replace("1234", "4321"), encoding="utf-8")
    changed = eng.build()
    assert changed.embedded_documents == ["new.txt"]
    assert "4321亩" in eng.ask("鱼峰区2030年种植了多少亩紫色向日葵？").text
    assert "1234亩" not in eng.ask("鱼峰区2030年种植了多少亩紫色向日葵？").text

    (scratch_settings.corpus_dir / "new.txt").unlink()
    removed = eng.build()
    assert removed.removed_documents == ["new.txt"] and removed.embedded_chunks == 0
    assert all(c.doc != "new.txt" for c in eng.ready().iter_chunks())
    assert eng.ready().size == removed.chunks == 218


def test_changes_beyond_a_tenth_of_the_index_write_new_snapshots(small_settings):
    """Small changes are searched beside the snapshot; when they outgrow COMPACT_FRACTION the
    build writes new snapshots (the old files are removed) and the answers stay the same."""
    eng = Engine(small_settings)
    first = eng.build()
    _, before = files(small_settings)
    for i in range(4):  # each document is one chunk
        (small_settings.corpus_dir / f"new{i}.txt").write_text(NEW_DOC.replace("1234", f"{i}{i}{i}"), encoding="utf-8")
    eng.build()
    _, after = files(small_settings)
    assert first.chunks * COMPACT_FRACTION < 4 and after["vectors"] != before["vectors"]
    assert not before["vectors"].exists() and not before["keyword"].exists()
    assert eng.ready().pending == 0 and eng.ready().size == first.chunks + 4
    assert "1234亩" not in eng.ask("鱼峰区2030年种植了多少亩紫色向日葵？").text


def test_changing_chunk_settings_rebuilds_everything(small_settings):
    Engine(small_settings).build()
    report = Engine(small_settings.replace(chunk_size=200)).build()
    assert "other settings" in report.rebuilt_reason
    assert report.embedded_documents == ["004_45388f9687e1de59.txt"]


@pytest.mark.parametrize("damage", ["garble_database", "bad_manifest", "missing_database"])
def test_corrupt_index_is_detected_reported_and_rebuilt(small_settings, caplog, damage):
    eng = Engine(small_settings)
    eng.build()
    _, paths = files(small_settings)
    if damage == "garble_database":
        eng.ready().close()
        for side in ("-wal", "-shm"):
            paths["database"].with_name(paths["database"].name + side).unlink(missing_ok=True)
        paths["database"].write_bytes(b"not a database" * 100)
    elif damage == "bad_manifest":
        (small_settings.index_dir / MANIFEST).write_text("{broken", encoding="utf-8")
    else:
        paths["database"].unlink()
    fresh = Engine(small_settings)
    with pytest.raises(IndexLoadError):
        fresh.indexer.load()
    with caplog.at_level(logging.WARNING, logger="qa.index.indexer"):
        report = fresh.build()
    assert report.rebuilt_reason and report.embedded_documents == ["004_45388f9687e1de59.txt"]
    assert any("rebuilding" in r.message for r in caplog.records)
    assert fresh.indexer.load().size == report.chunks
    assert "52家" in fresh.ask("柳北区高新技术企业保有量是多少家？").text


@pytest.mark.parametrize("damage", ["truncate_vectors", "garble_keyword", "missing_keyword"])
def test_a_damaged_search_snapshot_is_rebuilt_from_the_database_without_embedding(small_settings, caplog, damage):
    Engine(small_settings).build()
    _, paths = files(small_settings)
    if damage == "truncate_vectors":
        data = paths["vectors"].read_bytes()
        paths["vectors"].write_bytes(data[: len(data) // 2])
    elif damage == "garble_keyword":
        (paths["keyword"] / "rows.npy").write_bytes(b"garbage")
    else:
        shutil.rmtree(paths["keyword"])
    fresh = Engine(small_settings)
    with caplog.at_level(logging.WARNING, logger="qa.index.store"):
        assert not fresh.indexer.load().snapshot_ok  # still loads: rebuilt in memory from the database
        report = fresh.build()
    assert any("damaged" in r.message for r in caplog.records)
    assert report.embedded_chunks == 0 and not report.rebuilt_reason
    assert fresh.indexer.load().snapshot_ok  # the build wrote new snapshot files
    assert "52家" in fresh.ask("柳北区高新技术企业保有量是多少家？").text


def test_a_crash_while_writing_snapshots_keeps_the_committed_documents(small_settings, monkeypatch):
    """Killed after a document's transaction but while the new snapshots are written: the
    document is in (it was committed), the old snapshot still loads, the next build tidies up."""
    eng = Engine(small_settings)
    eng.build()
    manifest_before, before = files(small_settings)
    for i in range(4):
        (small_settings.corpus_dir / f"new{i}.txt").write_text(NEW_DOC.replace("1234", f"{i}{i}{i}"), encoding="utf-8")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("simulated crash while writing the keyword snapshot")

    monkeypatch.setattr(KeywordIndex, "save", crash)
    with pytest.raises(KeyboardInterrupt):
        Engine(small_settings).build()
    monkeypatch.undo()
    manifest_after, after = files(small_settings)
    assert (manifest_after, after) == (manifest_before, before)  # the old snapshot, still named
    loaded = Engine(small_settings).indexer.load()
    assert {f"new{i}.txt" for i in range(4)} <= set(loaded.documents) and loaded.snapshot_ok
    leftovers = [p.name for p in small_settings.index_dir.iterdir() if p.name.startswith("vectors-")]
    assert len(leftovers) == 2  # the new vectors file written before the crash, not named
    report = Engine(small_settings).build()
    assert report.embedded_chunks == 0
    assert [p.name for p in small_settings.index_dir.iterdir() if p.name.startswith(("vectors-", ".keyword-"))] == [
        files(small_settings)[1]["vectors"].name]


def test_a_crash_before_a_rebuild_commits_keeps_the_previous_index(small_settings, monkeypatch):
    eng = Engine(small_settings)
    eng.build()
    before, _ = files(small_settings)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("simulated crash while writing the manifest")

    import qa.index.store as store
    real = store.atomic_write
    monkeypatch.setattr(store, "atomic_write",
                        lambda path, write: crash() if path.name == MANIFEST else real(path, write))
    with pytest.raises(KeyboardInterrupt):
        Engine(small_settings).build(force=True)
    monkeypatch.undo()
    after, _ = files(small_settings)
    assert after == before  # the old manifest, naming the old database
    assert len(list(small_settings.index_dir.glob("index-*.sqlite"))) == 2  # the unfinished one
    assert Engine(small_settings).build().embedded_chunks == 0
    assert [p.name for p in small_settings.index_dir.glob("index-*.sqlite")] == [before["database"]]


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
