#!/usr/bin/env python3
"""aeb-gold.py: scores the entities stage as shipped on real news text, the
hand-annotated AEB news set (bench/entities/aeb-gold/, see its README.md).

The repository holds only offsets and labels; the text is rebuilt at run time
from the team's copy of the AEB ground truth (MIT, not ours to commit):

    python3 plugins/entities/tools/aeb-gold.py \
        /work/shared/data/boilerplate/aeb/ground-truth.json \
        --winnow build/core/winnow --split dev [--show-errors] [--options '{...}']

Each selected page's whole article body goes through the real sentences stage
and the entities stage (`winnow run`, raw text in, as news-gold.py does); only
the annotated range of each page (its first 12 sentences, or the whole page if
shorter) is scored. A predicted span is scored when it overlaps an annotated
range. Scores are exact: same start, same end, same label. PERSON/ORG/LOC and
ALL over those three (as the team's news benchmarks count), NORP on its own.

--extended adds what bench/entities/aeb-gold/extended/ annotates of the same
pages past their first 12 sentences (up to about 10,000 characters a page,
see the README): the same pages and split, 2.6 times the PER/ORG/LOC spans of
the test half (906 for 352) and 1.6 times those of the dev half (635 for 400).

--split dev is the default: `dev` may be looked at while improving the tagger;
`test` must only ever be scored (never read its errors, never tune on it)."""
import argparse
import json
import os
import sys
from collections import Counter

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
import entity_tools  # noqa: E402

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "NORP": "NORP"}
SCORED = ("PERSON", "ORG", "LOC", "NORP")
DEFAULT_GOLD = entity_tools.GOLD_DIR


def add_extended(gold_dir, pages, split):
    """Takes each page of the split on to the end of its extended annotation,
    which must start where its gold range ends."""
    gold = entity_tools.gold_pages()
    pdir = os.path.join(gold_dir, "extended", "pages")
    for name in sorted(os.listdir(pdir)):
        path = os.path.join(pdir, name)
        page = entity_tools.read_page(path)
        if page.key not in gold or page.skip:
            sys.exit(f"{path}: page {page.key} is not an aeb-gold page, or is marked skipped")
        if page.key not in pages:
            if split == "all" or gold[page.key][0] == split:
                sys.exit(f"{path}: page {page.key} is not in pages.tsv's {split} pages")
            continue
        text, start, gold_end, sents, gold_spans = pages[page.key]
        entity_tools.check_page(path, page, text, gold_end)
        gold_spans += [(a, b, LABELS[label]) for _, a, b, label, _ in page.spans]
        pages[page.key] = (text, start, page.end, sents, gold_spans)


def load_gold(gold_dir, bodies, split):
    """Pages as {key: (text, range_start, range_end, n_sentences, [spans])} for
    the split, each span (start, end, LABEL) checked against the text."""
    pages = {}
    ppath = os.path.join(gold_dir, "pages.tsv")
    for n, row in entity_tools.read_tsv(ppath):
        if len(row) != 7:
            sys.exit(f"{ppath}:{n}: expected 7 tab-separated fields, got {len(row)}")
        key, _, psplit, start, end, sents, _ = row
        if split != "all" and psplit != split:
            continue
        if key not in bodies:
            sys.exit(f"{ppath}:{n}: page {key} is not in the ground-truth file; "
                     "is it the AEB ground-truth.json?")
        text = bodies[key]
        start, end = int(start), int(end)
        if not 0 <= start < end <= len(text):
            sys.exit(f"{ppath}:{n}: range {start}-{end} outside page {key} "
                     f"({len(text)} characters): a different version of ground-truth.json?")
        pages[key] = (text, start, end, int(sents), [])
    spath = os.path.join(gold_dir, "spans.tsv")
    for n, row in entity_tools.read_tsv(spath):
        if len(row) != 5:
            sys.exit(f"{spath}:{n}: expected 5 tab-separated fields, got {len(row)}")
        key, a, b, label, surface = row
        if key not in pages:
            continue
        text, start, end, _, spans = pages[key]
        a, b = int(a), int(b)
        if label not in LABELS:
            sys.exit(f"{spath}:{n}: unknown label {label} (PER, ORG, LOC or NORP)")
        if text[a:b] != surface:
            sys.exit(f"{spath}:{n}: page {key} has {text[a:b]!r} at {a}-{b}, "
                     f"the gold says {surface!r}: a different version of ground-truth.json?")
        if a < start or b > end:
            sys.exit(f"{spath}:{n}: span {surface!r} lies outside the annotated range of {key}")
        spans.append((a, b, LABELS[label]))
    return pages


def run_winnow(args, pages):
    """{key: set of (start, end, label)} predicted by the shipped stages."""
    stages = [{"stage": "sentences"}, {"stage": "entities", "options": json.loads(args.options)}]
    records = entity_tools.run_winnow(args.winnow, stages,
                                      ((key, page[0]) for key, page in pages.items()))
    preds = {}
    for rec in records:
        text = pages[rec["id"]][0]
        got = set()
        for e in rec.get("entities", []):
            if e["label"] not in SCORED:
                continue
            if "text" in e and text[e["start"]:e["end"]] != e["text"]:
                sys.exit(f"{rec['id']}: winnow's span {e['start']}-{e['end']} reads "
                         f"{e['text']!r} but the text there is {text[e['start']:e['end']]!r}: "
                         "offsets are not character offsets any more; fix the scorer")
            got.add((e["start"], e["end"], e["label"]))
        preds[rec["id"]] = got
    if set(preds) != set(pages):
        sys.exit(f"winnow returned {len(preds)} documents for {len(pages)}")
    return preds


def kind_of_miss(g, pred):
    """Why a gold span was missed: a prediction with the same bounds but another
    label ('type'), overlapping with the same label ('bounds'), overlapping with
    another label ('bounds+type'), or nothing there ('none')."""
    a, b, label = g
    over = [p for p in pred if p[0] < b and a < p[1]]
    if any(p[0] == a and p[1] == b for p in over):
        return "type"
    if any(p[2] == label for p in over):
        return "bounds"
    return "bounds+type" if over else "none"


def kind_of_false(p, gold):
    a, b, label = p
    over = [g for g in gold if g[0] < b and a < g[1]]
    if any(g[0] == a and g[1] == b for g in over):
        return "type"
    if any(g[2] == label for g in over):
        return "bounds"
    return "bounds+type" if over else "spurious"


def score(args):
    bodies = entity_tools.load_bodies(args.ground_truth)
    pages = load_gold(args.gold, bodies, args.split)
    if args.extended:
        add_extended(args.gold, pages, args.split)
    if not pages:
        sys.exit(f"no pages for split {args.split}")
    preds = run_winnow(args, pages)
    tp, fp, fn = Counter(), Counter(), Counter()
    miss_kinds, false_kinds = Counter(), Counter()
    for key in sorted(pages):
        text, start, end, _, spans = pages[key]
        gold = set(spans)
        pred = {p for p in preds[key] if p[0] < end and start < p[1]}
        for g in gold:
            (tp if g in pred else fn)[g[2]] += 1
        for p in pred - gold:
            fp[p[2]] += 1
        missed = sorted(gold - pred)
        wrong = sorted(pred - gold)
        for g in missed:
            miss_kinds[(g[2], kind_of_miss(g, pred))] += 1
        for p in wrong:
            false_kinds[(p[2], kind_of_false(p, gold))] += 1
        if args.show_errors:
            for tag, items, why in (("MISSED", missed, lambda s: kind_of_miss(s, pred)),
                                    ("WRONG ", wrong, lambda s: kind_of_false(s, gold))):
                for s in items:
                    a, b, label = s
                    ctx = text[max(0, a - 30):b + 30].replace("\n", " ")
                    print(f"{tag} {label:6} {why(s):11} {key[:8]} {text[a:b]:30} | {ctx}")
    n_sent = sum(p[3] for p in pages.values())
    n_gold = sum(len(p[4]) for p in pages.values())
    what = "first 12 sentences and extended ranges" if args.extended else f"{n_sent} sentences"
    print(f"aeb-gold {args.split}: {len(pages)} pages, {what}, {n_gold} gold spans")
    entity_tools.print_scores(tp, fp, fn)
    if args.show_errors:
        print("missed gold spans by label and kind:",
              ", ".join(f"{l}/{k} {c}" for (l, k), c in sorted(miss_kinds.items())))
        print("false alarms by label and kind:",
              ", ".join(f"{l}/{k} {c}" for (l, k), c in sorted(false_kinds.items())))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("ground_truth", help="path to the AEB ground-truth.json")
    ap.add_argument("--gold", default=DEFAULT_GOLD, help="folder with pages.tsv and spans.tsv")
    ap.add_argument("--winnow", default="build/core/winnow")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--extended", action="store_true",
                    help="add the extended annotations (extended/pages/): test 906 spans, dev 635")
    ap.add_argument("--options", default="{}", help="entities stage options as JSON")
    ap.add_argument("--show-errors", action="store_true",
                    help="list misses and false alarms (use on dev only)")
    score(ap.parse_args())


if __name__ == "__main__":
    main()
