"""entity_tools.py: what the entity tools share (imported by aeb-annotate.py,
aeb-gold.py, aeb-iob.py and news-gold.py): the article bodies of the AEB
ground truth, the aeb-gold benchmark's page list, the page files of our
annotations (training/aeb-news/ and aeb-gold/extended/), and one run of
winnow over documents held in memory.

Errors end the program with a message naming the file, the line and what is
wrong: these are tools for people, run from the command line."""
import json
import os
import subprocess
import sys
import tempfile
from typing import NamedTuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
GOLD_DIR = os.path.join(ROOT, "bench", "entities", "aeb-gold")
GOLD_PAGES = os.path.join(GOLD_DIR, "pages.tsv")
LABELS = ("PER", "ORG", "LOC", "NORP")


def load_bodies(path):
    """{key: articleBody} of the AEB ground-truth JSON (a missing or null body
    reads as the empty string)."""
    try:
        with open(path, encoding="utf-8") as fh:
            gt = json.load(fh)
    except (OSError, ValueError) as e:
        sys.exit(f"{path}: cannot read the AEB ground truth: {e}")
    return {k: v.get("articleBody") or "" for k, v in gt.items()}


def body(bodies, key):
    text = bodies.get(key)
    if text is None:
        sys.exit(f"no page {key} in the ground truth")
    return text


def open_text(path):
    try:
        return open(path, encoding="utf-8")
    except OSError as e:
        sys.exit(f"{path}: {e.strerror}")


def read_tsv(path):
    """Rows of a TSV file, '#' lines skipped, with their line numbers."""
    with open_text(path) as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield n, line.split("\t")


def gold_pages():
    """{key: (split, end of the gold range)} of the aeb-gold benchmark."""
    pages = {}
    for n, f in read_tsv(GOLD_PAGES):
        if len(f) != 7:
            sys.exit(f"{GOLD_PAGES}:{n}: expected 7 tab-separated fields, got {len(f)}")
        pages[f[0]] = (f[2], int(f[4]))
    return pages


class Page(NamedTuple):
    """One page file: its key, annotated range [start, end), the reason it was
    skipped (or None), and its spans as (line, start, end, label, surface)."""
    key: str
    start: int
    end: int
    skip: str
    spans: list


def read_page(path):
    key = start = end = skip = None
    spans = []
    with open_text(path) as fh:
        for n, line in enumerate(fh, 1):
            f = line.rstrip("\n").split("\t")
            try:
                if f[0] == "# key" and len(f) == 2:
                    key = f[1]
                elif f[0] == "# range" and len(f) == 3:
                    start, end = int(f[1]), int(f[2])
                elif f[0] == "# skip" and len(f) == 2:
                    skip = f[1]
                elif len(f) == 4 and not f[0].startswith("#"):
                    spans.append((n, int(f[0]), int(f[1]), f[2], f[3]))
                else:
                    raise ValueError
            except ValueError:
                sys.exit(f"{path}:{n}: expected '# key<TAB>KEY', '# range<TAB>START<TAB>END', "
                         "'# skip<TAB>REASON' or 'start<TAB>end<TAB>label<TAB>surface'")
    if key is None or start is None:
        sys.exit(f"{path}: no '# key' or no '# range' line")
    return Page(key, start, end, skip, spans)


def check_page(path, page, text, start):
    """Exits unless `page` starts at `start`, ends inside `text` and every span
    is in order, inside the range, labelled and equal to the text there."""
    if page.start != start or not start <= page.end <= len(text):
        sys.exit(f"{path}: range {page.start}-{page.end} should start at {start} and end "
                 f"inside page {page.key} ({len(text)} characters)")
    last = start
    for n, a, b, label, surface in page.spans:
        if label not in LABELS or text[a:b] != surface or a < last or b > page.end:
            sys.exit(f"{path}:{n}: {surface!r} {label} at {a}-{b} does not match the text "
                     "(or is out of order, or outside the range, or not one of "
                     f"{', '.join(LABELS)})")
        last = b


def run_winnow(winnow, stages, docs):
    """The records winnow writes for `docs` ((id, text) pairs) through a
    pipeline of `stages` (the JSON list), in input order, on one thread."""
    with tempfile.TemporaryDirectory() as tmp:
        with open(f"{tmp}/p.json", "w") as fh:
            json.dump({"stages": stages}, fh)
        with open(f"{tmp}/in.jsonl", "w", encoding="utf-8") as fh:
            for doc_id, text in docs:
                fh.write(json.dumps({"id": doc_id, "text": text}) + "\n")
        run = subprocess.run([winnow, "run", "-q", "-j", "1", f"{tmp}/p.json", f"{tmp}/in.jsonl"],
                             capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"winnow failed ({run.returncode}): {run.stderr}")
    return [json.loads(line) for line in run.stdout.splitlines()]


SCORED = ("PERSON", "ORG", "LOC")


def print_scores(tp, fp, fn):
    """Exact-span P/R/F1 for PERSON, ORG, LOC, their micro average ALL (the
    team's news figure) and NORP, from Counters of true and false positives
    and false negatives by label."""
    for label in SCORED + ("ALL", "NORP"):
        keys = SCORED if label == "ALL" else (label,)
        t = sum(tp[k] for k in keys)
        p_ = sum(fp[k] for k in keys)
        n_ = sum(fn[k] for k in keys)
        p = t / (t + p_) if t + p_ else 0
        r = t / (t + n_) if t + n_ else 0
        f = 2 * p * r / (p + r) if p + r else 0
        print(f"stage   {label:7} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (gold {t + n_}, predicted {t + p_})")
