#!/bin/sh
# feature-sweep.sh: template ablation for the entity model. For each feature
# set (a list of context templates left out, a hash size, a pruning
# threshold) and each shuffling seed it trains a model with the documented
# training files and scores the whole tagger (+consistency, span F1) on EWT
# dev, the news-gold CoNLL sets and AEB dev (real news through the stages).
# It needs a build configured with -Dc_args=-DWN_ENT_ABLATE (features.c then
# reads the templates to leave out from WN_ENT_DROP); never scores AEB test.
#
#   bench/entities/feature-sweep.sh ABLATE_BUILD OUT_DIR [SEEDS] [CONFIG...]
#
# A CONFIG is NAME:DROP:HASH_BITS:PRUNE, DROP a comma-separated list of
# template numbers (features.c's enum: 11 bigram prev, 12 bigram next,
# 13 shape prev, 14 shape next, 15 shape tri, 16 sentence start, 17 the
# gazetteer templates, 21 caps context, 23 prev word + shape, 24 shape +
# next word) or '-' for none. Results go to OUT_DIR/results.tsv (one line
# per config and seed, appended); bench/entities/feature-sweep-summary.py
# turns it into means and spreads. Run from the repository top.
set -eu
B=$1
OUT=$2
SEEDS=${3:-1 2 3}
shift 3 || shift $#
D=/work/shared/data/ner
AEB=/work/shared/data/boilerplate/aeb/ground-truth.json
G=bench/entities/news-gold
TRAIN="$B/plugins/entities/winnow-train-entities"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
[ $# -gt 0 ] || set -- base:-:18:1
f1() { # the +consistency micro F1 of an --eval run
  "$TRAIN" --eval -m "$1" "$2" | awk '/^\+consistency/ && /all|ALL|micro/ {for (i = 1; i <= NF; i++) if ($i == "F1") print $(i + 1)}' | tail -1
}
for cfg in "$@"; do
  name=$(echo "$cfg" | cut -d: -f1)
  drop=$(echo "$cfg" | cut -d: -f2)
  bits=$(echo "$cfg" | cut -d: -f3)
  prune=$(echo "$cfg" | cut -d: -f4)
  [ "$drop" = "-" ] && drop=
  for seed in $SEEDS; do
    m="$OUT/$name-s$seed.model"
    export WN_ENT_DROP="$drop"
    "$TRAIN" --dev "$D/dev/uner-en-ewt-dev.iob2" -o "$m" --epochs 10 --hash-bits "$bits" \
      --prune "$prune" --seed "$seed" \
      "$D/train/uner-en-ewt-train.iob2" "$D/train/wikigold.conll" \
      "$D/train/btc-a.conll" "$D/train/btc-b.conll" "$D/train/btc-e.conll" \
      "$D/train/btc-f.conll" "$D/train/btc-g.conll" "$D/train/btc-h.conll" > "$OUT/$name-s$seed.log" 2>&1
    line="$name	$seed	$(f1 "$m" "$D/dev/uner-en-ewt-dev.iob2")"
    for set in news heldout reviewer wire; do
      line="$line	$(f1 "$m" "$G/$set.iob2")"
    done
    aeb=$(python3 plugins/entities/tools/aeb-gold.py "$AEB" --winnow "$B/core/winnow" --split dev \
      --options "{\"model\": \"$m\"}" | awk '$1 == "stage" && $2 == "ALL" {print $8}')
    line="$line	$aeb"
    echo "$line" | tee -a "$OUT/results.tsv"
  done
done
