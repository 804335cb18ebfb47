"""One batch of over 2,000 hostile inputs (issue #15): no traceback, no hang, right
exit status, and an outcome for every file on disk (hidden files, FIFOs and symlinks
included)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from hostile_corpus import build, entries_on_disk

from crosswire.readers import source_label
from crosswire.store import SQLiteStore

CLI = "import sys; from crosswire.cli import cli; cli(sys.argv[1:], prog_name='crosswire')"
TIMEOUT_S = 240  # generous for a loaded 2-core CI box; measured ~40 s


def test_hostile_corpus_in_one_batch(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    made = build(corpus)
    on_disk = entries_on_disk(corpus)
    assert sum(made.values()) == len(on_disk) >= 2_000
    db = tmp_path / "hostile.db"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-c", CLI, "--db", str(db), "ingest", str(corpus)],
        capture_output=True,
        timeout=TIMEOUT_S,  # a hang fails here
        env=env,
    )
    took = time.monotonic() - started
    stderr = run.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr[-3000:]
    assert run.returncode == 1, stderr[-2000:]  # some inputs failed; the batch finished
    summary = stderr.strip().splitlines()[-1]
    assert summary.startswith("read ") and "failed" in summary, summary

    with SQLiteStore(db) as store:
        outcomes = list(store.iter_outcomes())
        articles = list(store.iter_articles())
    sources = [o.source for o in outcomes]
    assert len(sources) == len(set(sources))  # no key shared by two inputs
    labels = {source_label(p): p for p in on_disk}
    covered = {s.split("#", 1)[0] for s in sources}
    missing = sorted(set(labels) - covered)
    assert not missing, missing[:20]
    assert covered <= set(labels), sorted(covered - set(labels))[:20]

    by_class = Counter(Path(labels[s.split("#", 1)[0]]).parent.name for s in sources)
    status = {o.source: o for o in outcomes}
    special = corpus / "special"
    for n in range(10):
        assert (status[f"{special}/pipe{n}.txt"].reason or "").startswith("E152 ")
        assert (status[f"{special}/link{n}.txt"].reason or "").startswith("E151 ")
    assert (status[f"{corpus}/hidden/.git"].reason or "").startswith("E150 ")
    assert not any("root:x:0:0" in a.text for a in articles)  # no symlink or XXE leak
    assert not any(Path(labels[a.source.split("#")[0]]).parent.name == "random" for a in articles)
    kept = Counter(
        Path(labels[o.source.split("#")[0]]).parent.name
        for o in outcomes
        if o.status in ("stored", "duplicate")  # the generator's texts repeat across classes
    )
    for cls in ("articles", "surrogates", "bad-names", "blank-lead", "odd-names"):
        assert kept[cls] == made[cls], cls
    long_lines = [o for o in outcomes if "/long-lines/" in o.source]
    assert long_lines and all(o.status != "failed" for o in long_lines), long_lines  # in budget
    many = [o for o in outcomes if "/many-lines/" in o.source]
    assert all((o.reason or "").startswith("E293 ") for o in many)
    print(
        f"\n{len(on_disk)} inputs, {len(outcomes)} outcomes, {len(articles)} articles, "
        f"{took:.1f} s; by class {dict(by_class)}"
    )
