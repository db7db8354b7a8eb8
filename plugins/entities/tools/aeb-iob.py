#!/usr/bin/env python3
"""aeb-iob.py: exports the hand-annotated AEB news pages
(plugins/entities/training/aeb-news/pages/, see its README.md) to an IOB2 file
that winnow-train-entities reads:

    python3 plugins/entities/tools/aeb-iob.py \
        /work/shared/data/boilerplate/aeb/ground-truth.json \
        --winnow build/core/winnow -o build/aeb-news.iob2

The file holds the pages' text (the AEB article bodies, MIT, not ours to
commit): write it under build/ or /tmp, never into git.

Tokens and sentences are those of the entities stage at run time: each page's
whole article body goes through `winnow run` with the sentences stage, and the
tokens are grouped into sentences as stage.c does (a token belongs to the
sentence it lies in; tokens outside every sentence are dropped). Only
sentences that end inside the page's annotated range are written (a sentence
running past the range's end is partly unannotated, so it is left out). One
`# newdoc` line per page, a blank line after each sentence, `token<TAB>tag`.

Tags: PER, ORG, LOC in IOB2; NORP is written as O (the trainer maps every
other type to O, and the model has no NORP tag: NORP comes from name lists).
A span that stops right before its last token's final period ("D" of the
token "D.") is extended over it: the convention keeps an initial's period
(and a name's "Jr.") inside. The rule takes any such span, so a sentence-final
abbreviation the tokenizer glued its full stop to ("MD." ending a sentence)
is extended too (4 spans in the current annotations). Any other span whose start and end are not
both token edges cannot be learnt as it is written; such spans are counted
(listed with --show-alignment) and handled thus:
  - when the span lies inside one token ("U.S." in "U.S.-based"), the token
    stays O: the stage cannot emit part of a token, and the convention
    (bench/entities/aeb-gold/README.md) does not make the whole word a name;
  - otherwise (a span cutting through tokens at either edge) the sentence is
    left out of the file: neither labelling the cut tokens nor leaving them O
    is what the annotator wrote.
Spans that cross a sentence boundary of the stage leave those sentences out
too. Skipped pages (`# skip`) are not exported; every page is checked against
the text as `aeb-annotate.py check` does (entity_tools.check_page)."""
import argparse
import os
import sys
from collections import Counter

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
import entity_tools  # noqa: E402

DEFAULT_DIR = os.path.join(entity_tools.ROOT, "plugins", "entities", "training", "aeb-news")
MODEL_TAGS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "NORP": None}


def read_pages(d, bodies, stats):
    """[(key, end, [(a, b, label)])] of the annotated, not skipped pages, by file
    name (the order aeb-annotate.py check reads them in), each checked against
    the text."""
    pdir = os.path.join(d, "pages")
    held = entity_tools.gold_pages()
    pages = []
    for name in sorted(os.listdir(pdir)):
        if not name.endswith(".tsv"):
            continue
        path = os.path.join(pdir, name)
        page = entity_tools.read_page(path)
        if page.key in held:
            sys.exit(f"{path}: page {page.key} is an aeb-gold benchmark page: never train on it")
        entity_tools.check_page(path, page, entity_tools.body(bodies, page.key), 0)
        if page.skip:
            stats["pages skipped"] += 1
            continue
        pages.append((page.key, page.end, [(a, b, label) for _, a, b, label, _ in page.spans]))
    return pages


def run_sentences(winnow, pages, bodies):
    """{key: [[(start, end), ...] per sentence]}: the tokens the entities stage
    would see, grouped as stage.c groups them."""
    records = entity_tools.run_winnow(winnow, [{"stage": "sentences"}],
                                      [(key, bodies[key]) for key, _, _ in pages])
    out = {}
    for rec in records:
        text = bodies[rec["id"]]
        toks = [(t["start"], t["end"]) for t in rec.get("tokens", [])]
        for t in rec.get("tokens", []):
            if "text" in t and text[t["start"]:t["end"]] != t["text"]:
                sys.exit(f"{rec['id']}: token {t['start']}-{t['end']} is not at character "
                         "offsets of the text")
        sents, t, last_end = [], 0, 0
        for s in rec.get("sentences", []):
            while t < len(toks) and toks[t][0] < s["start"]:
                t += 1
            cur = []
            while t < len(toks) and toks[t][1] <= s["end"]:
                a, b = toks[t]
                if a >= last_end and a < b <= len(text):
                    cur.append((a, b))
                    last_end = b
                t += 1
            if cur:
                sents.append(cur)
        out[rec["id"]] = sents
    if set(out) != {k for k, _, _ in pages}:
        sys.exit(f"winnow returned {len(out)} documents for {len(pages)}")
    return out


def page_iob(key, text, end, spans, sents, stats, notes):
    """The page's sentences as lists of (token, tag), those kept."""
    sents = [s for s in sents if s[-1][1] <= end]
    stats["sentences in range"] += len(sents)
    starts = {a: (si, ti) for si, s in enumerate(sents) for ti, (a, _) in enumerate(s)}
    ends = {b: (si, ti) for si, s in enumerate(sents) for ti, (_, b) in enumerate(s)}
    tags = [["O"] * len(s) for s in sents]
    dropped = set()
    tok_end = {x: y for s in sents for x, y in s}
    for a, b, label in spans:
        stats[f"spans {label}"] += 1
        if a in starts and b not in ends and text[b:b + 1] == ".":
            # "D" of the token "D.": the initial's period goes with the name
            last = max((x for x in tok_end if x < b), default=None)
            if last is not None and tok_end[last] == b + 1:
                stats["spans extended over their token's final period"] += 1
                notes.append(f"extended over '.': {key[:8]} {label} {text[a:b]!r}")
                b += 1
        if a in starts and b in ends:
            (sa, ta), (sb, tb) = starts[a], ends[b]
            if sa != sb:
                stats["spans across sentences (sentences left out)"] += 1
                notes.append(f"across sentences: {key[:8]} {label} {text[a:b]!r}")
                dropped.update(range(sa, sb + 1))
                continue
            tag = MODEL_TAGS[label]
            if tag:
                for i in range(ta, tb + 1):
                    tags[sa][i] = ("B-" if i == ta else "I-") + tag
            continue
        inside = [(si, ti) for si, s in enumerate(sents) for ti, (x, y) in enumerate(s)
                  if x < b and a < y]
        if not inside:
            # in a sentence that runs past the range's end (left out)
            stats["spans in a sentence running past the range (left out)"] += 1
            notes.append(f"past the range: {key[:8]} {label} {text[a:b]!r}")
            continue
        ctx = text[min(sents[inside[0][0]][inside[0][1]][0], a):
                   max(sents[inside[-1][0]][inside[-1][1]][1], b)]
        if len(inside) == 1:
            stats["spans inside one token (token left O)"] += 1
            notes.append(f"inside a token: {key[:8]} {label} {text[a:b]!r} in {ctx!r}")
        else:
            stats["spans cutting tokens (sentence left out)"] += 1
            notes.append(f"cuts tokens: {key[:8]} {label} {text[a:b]!r} in {ctx!r}")
            dropped.update(si for si, _ in inside)
    out = []
    for si, s in enumerate(sents):
        if si in dropped:
            stats["sentences left out"] += 1
            continue
        out.append([(text[x:y], tags[si][ti]) for ti, (x, y) in enumerate(s)])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("ground_truth", help="path to the AEB ground-truth.json")
    ap.add_argument("--dir", default=DEFAULT_DIR, help="the aeb-news folder")
    ap.add_argument("--winnow", default="build/core/winnow")
    ap.add_argument("-o", "--output", required=True, help="IOB2 file to write (not in git)")
    ap.add_argument("--show-alignment", action="store_true",
                    help="list the spans that do not fall on token edges")
    fold = ap.add_mutually_exclusive_group()
    fold.add_argument("--fold", metavar="I/N",
                      help="cross-validation: only the pages whose index (in file order, "
                           "annotated pages only) is I modulo N")
    fold.add_argument("--without-fold", metavar="I/N", help="all pages but those of --fold I/N")
    args = ap.parse_args()
    bodies = entity_tools.load_bodies(args.ground_truth)
    stats, notes = Counter(), []
    pages = read_pages(args.dir, bodies, stats)
    if args.fold or args.without_fold:
        i, n = (int(x) for x in (args.fold or args.without_fold).split("/"))
        pages = [p for r, p in enumerate(pages) if (r % n == i) == bool(args.fold)]
    sents = run_sentences(args.winnow, pages, bodies) if pages else {}
    n_sent = n_tok = 0
    with open(args.output, "w", encoding="utf-8") as fh:
        for key, end, spans in pages:
            fh.write(f"# newdoc id = {key}\n")
            for sent in page_iob(key, bodies[key], end, spans, sents[key], stats, notes):
                for tok, tag in sent:
                    if any(c in tok for c in " \t\n\r") or tok == "-DOCSTART-":
                        sys.exit(f"{key}: token {tok!r} cannot be written as a CoNLL column")
                    fh.write(f"{tok}\t{tag}\n")
                fh.write("\n")
                n_sent += 1
                n_tok += len(sent)
    if args.show_alignment:
        for n in notes:
            print(n, file=sys.stderr)
    print(f"aeb-iob: {len(pages)} pages, {n_sent} sentences, {n_tok} tokens -> {args.output}",
          file=sys.stderr)
    for k in sorted(stats):
        print(f"aeb-iob:   {k}: {stats[k]}", file=sys.stderr)


if __name__ == "__main__":
    main()
