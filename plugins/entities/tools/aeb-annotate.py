#!/usr/bin/env python3
"""aeb-annotate.py: writes and checks the entity annotations of real news text
used to train the entities model (plugins/entities/training/aeb-news/, see its
README.md). The text is the AEB article bodies (MIT); the repository holds only
offsets, labels and entity surfaces, never a sentence.

    aeb-annotate.py GT pool [--batch I/N]   pages that may be annotated
    aeb-annotate.py GT show KEY             the range to annotate, with offsets
    aeb-annotate.py GT place KEY LIST       LIST ('surface<TAB>LABEL' lines in
                                            text order; LABEL '-' passes over an
                                            occurrence that is no entity) -> the
                                            page's span file
    aeb-annotate.py GT place --extend KEY LIST
                                            keeps the page's spans and places LIST
                                            after its old range (with a larger
                                            --range-chars)
    aeb-annotate.py GT skip KEY REASON      record that a page is not annotated
    aeb-annotate.py GT check                every page file against the text

With --bench the same commands take the 40 aeb-gold benchmark pages on past
their gold range (to --range-chars), into bench/entities/aeb-gold/extended/:
a larger blind benchmark, never trained on.

GT is /work/shared/data/boilerplate/aeb/ground-truth.json. Pages of the
aeb-gold benchmark (bench/entities/aeb-gold/pages.tsv) are never in the pool:
training on them would measure nothing."""
import argparse
import os
import re
import sys

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
from entity_tools import LABELS, ROOT, body, check_page, gold_pages, load_bodies, read_page  # noqa: E402

DEFAULT_DIR = os.path.join(ROOT, "plugins", "entities", "training", "aeb-news")
BENCH_DIR = os.path.join(ROOT, "bench", "entities", "aeb-gold", "extended")
# The range is the whole body, or the body up to the end of the sentence (or
# line) that runs past --range-chars characters (3000: about twenty-five
# sentences; the second pass took pages on to 10000).
RANGE_CHARS = 3000
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s)|\n")


def gold_keys():
    return set(gold_pages())


def pool(bodies, bench=False):
    """Page keys that may be annotated, in key order: the training pool, or
    with `bench` the benchmark's pages."""
    held = gold_keys()
    return [k for k in sorted(bodies) if (k in held) == bench and bodies[k].strip()]


def page_text(args, bodies, key):
    """The page's body, once it is known to be a page of this mode's pool
    (a benchmark page with --bench, any other page without)."""
    text = body(bodies, key)
    if (key in gold_keys()) != args.bench:
        sys.exit(f"{key} is an aeb-gold benchmark page: never annotate it for training"
                 if not args.bench else f"{key} is not an aeb-gold benchmark page")
    return text


def first_offset(args, key):
    """Where a page's range starts: 0, or past the gold range with --bench."""
    return gold_pages()[key][1] if args.bench else 0


def range_end(text, chars=RANGE_CHARS):
    if len(text) <= chars:
        return len(text)
    m = SENTENCE_END.search(text, chars)
    return m.end() if m else len(text)


def page_file(d, key):
    return os.path.join(d, "pages", key[:16] + ".tsv")


def cmd_pool(args, bodies):
    keys = pool(bodies, args.bench)
    gold = gold_pages()
    i, n = 0, 1
    if args.batch:
        m = re.fullmatch(r"(\d+)/(\d+)", args.batch)
        if not m or not int(m[1]) < int(m[2]):
            sys.exit(f"--batch {args.batch}: expected I/N with 0 <= I < N")
        i, n = int(m[1]), int(m[2])
    for r, k in enumerate(keys):
        if r % n != i:
            continue
        end, done = range_end(bodies[k], args.range_chars), "todo"
        if os.path.exists(page_file(args.dir, k)):
            page = read_page(page_file(args.dir, k))
            done = "done" if page.skip or page.end >= end else f"extend from {page.end}"
        split = f"\t{gold[k][0]} from {gold[k][1]}" if args.bench else ""
        print(f"{k}\t{end} chars\t{done}{split}")


def cmd_show(args, bodies):
    text = page_text(args, bodies, args.key)
    end = range_end(text, args.range_chars)
    pos = first_offset(args, args.key)
    if args.from_offset:
        pos = args.from_offset
        print(f"--- from {pos}")
    for line in text[pos:end].split("\n"):
        print(f"{pos:6d}| {line}")
        pos += len(line) + 1
    print(f"--- range {first_offset(args, args.key) if args.bench else 0}-{end} "
          f"of {len(text)} characters")


def write_page(args, key, text, end, spans, note):
    os.makedirs(os.path.join(args.dir, "pages"), exist_ok=True)
    start = first_offset(args, key)
    with open(page_file(args.dir, key), "w", encoding="utf-8") as fh:
        fh.write(f"# key\t{key}\n# range\t{start}\t{end}\n")
        if note:
            fh.write(f"# skip\t{note}\n")
        for a, b, label in spans:
            fh.write(f"{a}\t{b}\t{label}\t{text[a:b]}\n")


def is_word_edge(text, a, b):
    return (a == 0 or not text[a - 1].isalnum()) and (b == len(text) or not text[b].isalnum())


def cmd_place(args, bodies):
    text = page_text(args, bodies, args.key)
    end = range_end(text, args.range_chars)
    spans, pos, bad = [], first_offset(args, args.key), 0
    if end <= pos:
        sys.exit(f"{args.key}: the gold range already ends at {pos}; nothing to annotate")
    if args.extend:
        path = page_file(args.dir, args.key)
        if not os.path.exists(path):
            sys.exit(f"{args.key}: no annotated page to extend ({path})")
        old = read_page(path)
        if old.skip:
            sys.exit(f"{path}: the page is marked skipped ({old.skip}); nothing to extend")
        if end <= old.end:
            sys.exit(f"{args.key}: the range already ends at {old.end}; nothing to extend "
                     "(give a larger --range-chars)")
        spans = [(a, b, label) for _, a, b, label, _ in old.spans]
        pos = old.end
    with open(args.list, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 2 or parts[1] not in LABELS + ("-",):
                sys.exit(f"{args.list}:{n}: expected 'surface<TAB>label' with a label "
                         f"of {', '.join(LABELS)} or '-', got {line!r}")
            surface, label = parts
            a = pos
            while True:
                a = text.find(surface, a, end)
                if a < 0 or is_word_edge(text, a, a + len(surface)):
                    break
                a += 1
            if a < 0:
                print(f"{args.list}:{n}: {surface!r} not found after offset {pos} "
                      "(list spans in text order, each occurrence once)", file=sys.stderr)
                bad += 1
                continue
            if label != "-":
                spans.append((a, a + len(surface), label))
            pos = a + len(surface)
    if bad:
        sys.exit(f"{bad} spans not placed; nothing written")
    write_page(args, args.key, text, end, spans, None)
    warn_unmarked(text, first_offset(args, args.key), end, spans)
    print(f"{page_file(args.dir, args.key)}: {len(spans)} spans in "
          f"{first_offset(args, args.key)}-{end}")


def warn_unmarked(text, start, end, spans):
    """Occurrences of an annotated surface left outside every span: often a
    missed repeat, sometimes right ('Post' the verb)."""
    covered = [(a, b) for a, b, _ in spans]
    for surface in sorted({text[a:b] for a, b, _ in spans}):
        a = text.find(surface, start, end)
        while a >= 0:
            b = a + len(surface)
            if is_word_edge(text, a, b) and not any(x < b and a < y for x, y in covered):
                ctx = text[max(0, a - 30):b + 30].replace("\n", " ")
                print(f"note: {surface!r} at {a} is not annotated: ...{ctx}...", file=sys.stderr)
            a = text.find(surface, a + 1, end)


def cmd_skip(args, bodies):
    if args.bench:
        sys.exit("--bench: benchmark pages are never skipped")
    text = page_text(args, bodies, args.key)
    write_page(args, args.key, text, 0, [], args.reason)


def cmd_check(args, bodies):
    pdir = os.path.join(args.dir, "pages")
    held = gold_keys()
    pages = nspans = 0
    for name in sorted(os.listdir(pdir)):
        path = os.path.join(pdir, name)
        page = read_page(path)
        if page.key not in bodies:
            sys.exit(f"{path}: page {page.key} is not in the ground truth")
        if (page.key in held) != args.bench:
            sys.exit(f"{path}: page {page.key} is an aeb-gold benchmark page" if not args.bench
                     else f"{path}: page {page.key} is not an aeb-gold benchmark page")
        check_page(path, page, bodies[page.key], first_offset(args, page.key))
        if not page.skip:
            pages += 1
            nspans += len(page.spans)
    print(f"{pages} pages annotated, {nspans} spans, all matching the text")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ground_truth")
    ap.add_argument("--dir")
    ap.add_argument("--bench", action="store_true",
                    help="the aeb-gold benchmark's pages, past their gold range")
    ap.add_argument("--range-chars", type=int, default=RANGE_CHARS,
                    help="annotate up to the end of the sentence past this many characters")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pool")
    p.add_argument("--batch", help="I/N: every Nth page starting at the Ith")
    p = sub.add_parser("show")
    p.add_argument("key")
    p.add_argument("--from", dest="from_offset", type=int, default=0,
                   help="start at this offset (the old range end, when extending)")
    p = sub.add_parser("place")
    p.add_argument("--extend", action="store_true")
    p.add_argument("key")
    p.add_argument("list")
    p = sub.add_parser("skip")
    p.add_argument("key")
    p.add_argument("reason")
    sub.add_parser("check")
    args = ap.parse_args()
    if args.dir is None:
        args.dir = BENCH_DIR if args.bench else DEFAULT_DIR
    bodies = load_bodies(args.ground_truth)
    {"pool": cmd_pool, "show": cmd_show, "place": cmd_place, "skip": cmd_skip,
     "check": cmd_check}[args.cmd](args, bodies)


if __name__ == "__main__":
    main()
