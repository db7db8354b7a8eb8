#!/usr/bin/env python3
"""news-gold.py: turns the hand-written news gold (bench/entities/news-gold/news.txt,
entities marked [text|LABEL]) into a CoNLL file for `winnow-train-entities --eval`,
and scores the entities stage as shipped (the real sentences stage, then
entities, through the `winnow` CLI) on it, span by span in characters.

    python3 plugins/entities/tools/news-gold.py conll bench/entities/news-gold/news.txt \
        > bench/entities/news-gold/news.iob2
    python3 plugins/entities/tools/news-gold.py score --winnow build/core/winnow \
        bench/entities/news-gold/news.txt [--show-errors] [--options '{"consistency": false}']

Scores are exact: same start, same end, same label. PERSON/ORG/LOC (and ALL over
those three, as the team's news benchmarks count) plus NORP on its own line."""
import argparse
import json
import re
import sys
from collections import Counter

sys.dont_write_bytecode = True  # keep the source tree clean of __pycache__
import entity_tools  # noqa: E402

LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "NORP": "NORP", "O": None}
MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z]+)\]")
ABBREV = ("Calif|Mich|Wis|Fla|Ga|Md|Ala|Mass|Ariz|Ill|Sen|Gov|Capt|Dr|Rep|Inc|Corp|Co|Jr|Nov|"
          "St|Mr|Ms|Mrs|Gen|Lt|Sgt|Ltd|Jan|Feb|Aug|Sept|Oct|Dec|No")
TOKEN = re.compile(r"'s\b|(?:[A-Za-z]\.){2,}|(?:" + ABBREV + r")\.(?=\s|$|,)|\w+(?:[-.&]\w+|'(?!s\b)\w+)*|\S")


def parse(path):
    """Documents as (id, [paragraph: [sentence: (text, [(start, end, label)])]])."""
    docs = []
    para = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if line.startswith("## "):
            docs.append((line[3:].strip(), []))
            para = []
            continue
        if line.startswith("#"):
            continue
        if not line.strip():
            para = []
            continue
        if not docs:
            sys.exit(f"{path}:{n}: text before the first '## id' line")
        if not para:
            para = []
            docs[-1][1].append(para)
        text, spans, pos = "", [], 0
        for m in MARK.finditer(line):
            text += line[pos:m.start()]
            label = m.group(2)
            if label not in LABELS:
                sys.exit(f"{path}:{n}: unknown label {label}")
            if LABELS[label]:
                spans.append((len(text), len(text) + len(m.group(1)), LABELS[label]))
            text += m.group(1)
            pos = m.end()
        text += line[pos:]
        if "[" in text or "]" in text:
            sys.exit(f"{path}:{n}: unbalanced entity mark")
        para.append((text, spans))
    return docs


def tokens(text):
    return [(m.start(), m.end()) for m in TOKEN.finditer(text)]


def to_conll(docs, out):
    for doc_id, paras in docs:
        out.write(f"-DOCSTART- O\n\n")
        for para in paras:
            for text, spans in para:
                toks = tokens(text)
                starts = {a for a, _ in toks}
                ends = {b for _, b in toks}
                tags = ["O"] * len(toks)
                for a, b, label in spans:
                    if a not in starts or b not in ends:
                        sys.exit(f"{doc_id}: entity {text[a:b]!r} does not align with tokens")
                    inside = [i for i, (s, e) in enumerate(toks) if s >= a and e <= b]
                    for k, i in enumerate(inside):
                        tags[i] = ("B-" if k == 0 else "I-") + label
                for (s, e), tag in zip(toks, tags):
                    out.write(f"{text[s:e]}\t{tag}\n")
                out.write("\n")


def doc_text(paras):
    """The document as a news page would give it: sentences of a paragraph
    joined by a space, paragraphs by a blank line; gold spans moved along."""
    text, gold = "", []
    for p, para in enumerate(paras):
        if p:
            text += "\n\n"
        for s, (sent, spans) in enumerate(para):
            if s:
                text += " "
            gold += [(len(text) + a, len(text) + b, label) for a, b, label in spans]
            text += sent
    return text + "\n", gold


def score(args):
    golds = {doc_id: doc_text(paras) for doc_id, paras in parse(args.gold)}
    stages = [{"stage": "sentences"}, {"stage": "entities", "options": json.loads(args.options)}]
    records = entity_tools.run_winnow(args.winnow, stages,
                                      ((doc_id, text) for doc_id, (text, _) in golds.items()))
    tp, fp, fn = Counter(), Counter(), Counter()
    for rec in records:
        text, gold = golds[rec["id"]]
        pred = {(e["start"], e["end"], e["label"]) for e in rec.get("entities", [])
                if e["label"] in ("PERSON", "ORG", "LOC", "NORP")}
        gold = set(gold)
        for g in gold:
            (tp if g in pred else fn)[g[2]] += 1
        for p in pred - gold:
            fp[p[2]] += 1
        if args.show_errors:
            for kind, items in (("MISSED", gold - pred), ("WRONG ", pred - gold)):
                for a, b, label in sorted(items):
                    ctx = text[max(0, a - 30):b + 30].replace("\n", " ")
                    print(f"{kind} {label:6} {text[a:b]:32} | {ctx}")
    entity_tools.print_scores(tp, fp, fn)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("conll")
    c.add_argument("gold")
    s = sub.add_parser("score")
    s.add_argument("gold")
    s.add_argument("--winnow", default="build/core/winnow")
    s.add_argument("--options", default="{}", help="entities stage options as JSON")
    s.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    if args.cmd == "conll":
        to_conll(parse(args.gold), sys.stdout)
    else:
        score(args)


if __name__ == "__main__":
    main()
