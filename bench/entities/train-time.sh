#!/bin/sh
# train-time.sh: wall and CPU time of training the shipped entity model with the
# documented command (plugins/entities/README.md), median of RUNS runs. The model
# goes to a temporary file; the shipped one is not touched.
#
#   bench/entities/train-time.sh [BUILD-DIR] [DATA-DIR] [RUNS]
set -eu
BUILD=${1:-build}
D=${2:-/work/shared/data/ner}
RUNS=${3:-3}
TRAIN="$BUILD/plugins/entities/winnow-train-entities"
OUT=$(mktemp)
trap 'rm -f "$OUT" "$OUT.times"' EXIT
i=0
while [ "$i" -lt "$RUNS" ]; do
  /usr/bin/time -f "%e %U" -a -o "$OUT.times" "$TRAIN" --dev "$D/dev/uner-en-ewt-dev.iob2" \
    -o "$OUT" --epochs 10 --hash-bits 18 --prune 1 --seed 1 \
    "$D/train/uner-en-ewt-train.iob2" "$D/train/wikigold.conll" \
    "$D/train/btc-a.conll" "$D/train/btc-b.conll" "$D/train/btc-e.conll" \
    "$D/train/btc-f.conll" "$D/train/btc-g.conll" "$D/train/btc-h.conll" > /dev/null 2>&1
  i=$((i + 1))
done
sort -n "$OUT.times" | awk -v n="$RUNS" '{w[NR]=$1; u[NR]=$2} END {
  m = int((n + 1) / 2); printf "training: median %.1f s wall, %.1f s user CPU (%d runs)\n", w[m], u[m], n }'
ls -l "$OUT" | awk '{printf "model size: %.2f MB\n", $5 / 1e6}'
