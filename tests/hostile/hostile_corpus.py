"""Generate a folder of hostile inputs, class by class (used by test_hostile_corpus.py).

Every class the attack run of issue #15 tried, plus the ones crosswire already
survived (gzip bombs, XXE, billion laughs, injection strings, broken WARC),
each in several seeded variants. ``build(folder)`` returns how many inputs of
each class it wrote. Nothing here is copied from real articles.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
from collections import Counter
from pathlib import Path

STORIES = [
    "Heavy rain closed the main river crossing on Monday, officials said, and traffic was "
    "diverted through the old town for most of the day.",
    "The port authority said on Tuesday that two cargo ships had been held outside the harbour "
    "after a fire broke out in a warehouse near the northern quay.",
    "Teachers in the eastern province began a three-day strike on Wednesday, demanding higher "
    "pay and smaller classes, a union spokeswoman told reporters.",
    "A landslide blocked the mountain road to the border town overnight, and rescue teams were "
    "clearing debris on Thursday, the regional governor said.",
]
INJECTION = [
    "'; DROP TABLE articles; --",
    'title" OR 1=1 --',
    "NEAR(crossing rain) AND text MATCH '*'",
    "../../../../etc/passwd",
    "<script>alert(1)</script>",
    "%s%s%n{0}{__class__}",
]


def _story(rng: random.Random, n: int) -> str:
    base = STORIES[n % len(STORIES)]
    return f"{base} Report {n} was filed at {rng.randrange(1, 12)} am local time."


def _write(path: Path | bytes, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)


def build(folder: Path, seed: int = 15, scale: int = 1) -> Counter[str]:
    """Write the hostile corpus into ``folder``; return the count of inputs per class."""
    rng = random.Random(seed)
    made: Counter[str] = Counter()
    folder.mkdir(parents=True, exist_ok=True)

    def put(cls: str, name: str, data: bytes) -> None:
        sub = folder / cls
        sub.mkdir(exist_ok=True)
        _write(sub / name, data)
        made[cls] += 1

    for n in range(60 * scale):  # ordinary articles, so the batch also stores something
        text = _story(rng, n)
        ext = ("txt", "html", "jsonl")[n % 3]
        if ext == "html":
            body = f"<html><head><title>Report {n}</title></head><body><p>{text}</p></body></html>"
        elif ext == "jsonl":
            body = json.dumps({"maintext": text, "title": f"Report {n}"}) + "\n"
        else:
            body = text
        put("articles", f"a{n:03d}.{ext}", body.encode())
    # 1. quadratic shapes (kept small for CI; the bench runs 10 MB)
    units = ["2024-01-02 ", "3 March 2024, ", "Home News World ", "Contact the embassy. "]
    for n in range(12 * scale):
        unit = units[n % len(units)]
        put("long-lines", f"l{n:02d}.txt", (unit * (120_000 // len(unit))).encode())
    for n in range(4):
        put("many-lines", f"m{n}.txt", ("x1\n" * (25_000 + n)).encode())
    # 2. lone surrogates in JSON Lines fields
    for n in range(80 * scale):
        field = ("title", "author", "source_domain", "maintext", "url")[n % 5]
        rec: dict[str, object] = {"maintext": _story(rng, n), "title": "Flood"}
        rec[field] = f"{rec.get(field, '')}\ud800{chr(0xDC00 + n % 1024)}"
        put("surrogates", f"s{n:03d}.jsonl", (json.dumps(rec) + "\n").encode())
    # 2. file names that are not UTF-8
    sub = folder / "bad-names"
    sub.mkdir(exist_ok=True)
    for n in range(40 * scale):
        name = os.fsencode(sub) + b"/r%03d-\xff\xfe-" % n + bytes([0x80 + n % 64]) + b".txt"
        _write(name, _story(rng, n).encode())
        made["bad-names"] += 1
    # 3. FIFOs, symlinks, hidden entries
    special = folder / "special"
    special.mkdir(exist_ok=True)
    for n in range(10):
        os.mkfifo(special / f"pipe{n}.txt")
        made["special"] += 1
    outside = folder.parent / f"{folder.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    for n in range(10):
        (special / f"link{n}.txt").symlink_to(outside / "passwd")
        made["special"] += 1
    (special / "linkdir").symlink_to(outside)
    (special / "loop").symlink_to(special)
    (special / "dangling.txt").symlink_to(special / "no-such-file")
    made["special"] += 3
    for n in range(20 * scale):
        put("hidden", f".dot{n}.txt", _story(rng, n).encode())
    git = folder / "hidden" / ".git"
    git.mkdir(parents=True, exist_ok=True)
    for n in range(5):
        (git / f"obj{n}").write_bytes(os.urandom(50))
    made["hidden"] += 1
    # 4. JSON Lines after leading blank lines
    for n in range(10 * scale):
        body = ("\n" * (70_000 + n) + json.dumps({"maintext": _story(rng, n)}) + "\n").encode()
        name = f"b{n:02d}" + (".jsonl", "", ".jsonl.gz")[n % 3]
        put("blank-lead", name, gzip.compress(body) if name.endswith(".gz") else body)
    # 7. decoding
    for n in range(30 * scale):
        text = "Déjà vu. " + _story(rng, n)
        kind = n % 6
        if kind == 0:
            data = codecs.BOM_UTF32_LE + text.encode("utf-32-le")
        elif kind == 1:
            data = codecs.BOM_UTF32_BE + text.encode("utf-32-be")
        elif kind == 2:
            page = f'<html><head><meta charset="utf-8"></head><body><p>{text}</p></body></html>'
            data = page.encode("latin-1")
        elif kind == 3:
            data = gzip.compress(text.encode()) + b"\x00GARBAGE" * (n + 1)
        elif kind == 4:
            data = gzip.compress(text.encode() * 40)[: -(n + 5)]  # truncated
        else:
            data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        put("decoding", f"d{n:02d}" + (".txt", ".txt", ".html", ".gz", ".txt.gz", "")[kind], data)
    # 7. random bytes (the bulk): sizes 1 byte to 8 KB, any extension
    for n in range(1_600 * scale):
        size = rng.choice([1, 1, 2, 3, 5, 8, 16, 40, 100, 300, 1000, 8000])
        ext = rng.choice(["", ".txt", ".html", ".jsonl", ".xml", ".json", ".gz", ".warc"])
        put("random", f"r{n:04d}{ext}", rng.randbytes(size))
    # 7. feeds: extension-less RSS with an internal DTD, XXE, billion laughs
    for n in range(20 * scale):
        kind = n % 3
        if kind == 0:
            dtd = '<!DOCTYPE rss [\n<!ENTITY brand "Northern Wire">\n]>'
            item = f"<item><title>Report {n}</title><description>{_story(rng, n)}</description>"
        elif kind == 1:
            dtd = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            item = "<item><title>x</title><description>&xxe; leaked?</description>"
        else:
            refs = ["lol"] + [f"&l{i - 1};" * 10 for i in range(1, 10)]
            ents = "".join(f'<!ENTITY l{i} "{ref}">' for i, ref in enumerate(refs))
            dtd = f"<!DOCTYPE rss [{ents}]>"
            item = "<item><title>x</title><description>&l9;</description>"
        xml = f'<?xml version="1.0"?>\n{dtd}\n<rss version="2.0"><channel><title>T</title>'
        put("feeds", f"f{n:02d}", (xml + item + "</item></channel></rss>").encode())
    # 8. names that look like record suffixes
    for n in range(10 * scale):
        put("names", f"x{n}.jsonl", (json.dumps({"maintext": _story(rng, n)}) + "\n").encode())
        put("names", f"x{n}.jsonl#L1", _story(rng, n + 100).encode())
        put("names", f"p{n}%23L1.txt", _story(rng, n + 200).encode())
    # already handled: bombs, injection, nesting, empties, binaries, broken WARC, odd names
    for n in range(3):
        put("bombs", f"bomb{n}.txt.gz", gzip.compress(b"\0" * (60_000_000 + n)))
    for n, text in enumerate(INJECTION * (5 * scale)):
        rec = {"maintext": f"{_story(rng, n)} {text}", "title": text, "url": f"javascript:{text}"}
        put("injection", f"i{n:02d}.jsonl", (json.dumps(rec) + "\n").encode())
    for n in range(10 * scale):
        put("nesting", f"n{n}.jsonl", ("[" * (50_000 + n) + "]" * (50_000 + n)).encode())
        put("nesting", f"n{n}.json", ('{"a":' * 3000 + "1" + "}" * 3000).encode())
    for n in range(10 * scale):
        put("empties", f"e{n}.txt", b"" if n % 2 else b" \n\t\n" * n)
        put("empties", f"z{n}.html", b"\x89PNG\r\n\x1a\n" + os.urandom(64))
        put(
            "empties", f"w{n}.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n"
        )
        put("empties", f"nul{n}.txt", b"\x00" * (n + 1) + _story(rng, n).encode())
    odd = ["with space.txt", "new\nline.txt", "tab\there.txt", "ünï©ødé.txt", "x" * 250 + ".txt"]
    for n, name in enumerate(odd):
        put("odd-names", name, _story(rng, n).encode())
    return made


def entries_on_disk(folder: Path) -> list[str]:
    """Every file, FIFO, symlink and hidden folder under ``folder`` (not descending into
    hidden folders or symlinks), as paths: what the outcome table must account for."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        for d in list(dirs):
            path = os.path.join(root, d)
            if d.startswith(".") or os.path.islink(path):
                found.append(path)
                dirs.remove(d)
        found.extend(os.path.join(root, f) for f in files)
    return found
