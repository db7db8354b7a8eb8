#!/bin/sh
# check-model.sh: retrains the entity model with the command documented in
# plugins/entities/README.md and says whether the shipped
# entities-data/entities.model is byte for byte what it gives.
#
#   plugins/entities/tools/check-model.sh [BUILD_DIR] [DATA_DIR] [AEB_GT]
#
# BUILD_DIR defaults to build, DATA_DIR to /work/shared/data/ner, AEB_GT (the
# AEB ground-truth.json whose article bodies training/aeb-news/ annotates) to
# /work/shared/data/boilerplate/aeb/ground-truth.json. Exit 0 when identical,
# 1 when not, 2 when the export or training failed. Run from the repository
# top.
set -eu
B=${1:-build}
D=${2:-/work/shared/data/ner}
G=${3:-/work/shared/data/boilerplate/aeb/ground-truth.json}
out=$(mktemp)
news=$(mktemp)
trap 'rm -f "$out" "$news"' EXIT
if ! python3 plugins/entities/tools/aeb-iob.py "$G" --winnow "$B/core/winnow" -o "$news" \
  > /dev/null 2>&1; then
  echo "check-model: exporting training/aeb-news failed" >&2
  exit 2
fi
if ! "$B/plugins/entities/winnow-train-entities" --dev "$D/dev/uner-en-ewt-dev.iob2" \
  -o "$out" --epochs 10 --hash-bits 18 --prune 1 --seed 1 \
  "$D/train/uner-en-ewt-train.iob2" "$D/train/wikigold.conll" \
  "$D/train/btc-a.conll" "$D/train/btc-b.conll" "$D/train/btc-e.conll" \
  "$D/train/btc-f.conll" "$D/train/btc-g.conll" "$D/train/btc-h.conll" \
  "$news" > /dev/null 2>&1; then
  echo "check-model: training failed" >&2
  exit 2
fi
new=$(sha256sum < "$out" | cut -d' ' -f1)
old=$(sha256sum < plugins/entities/entities-data/entities.model | cut -d' ' -f1)
echo "retrained $new"
echo "shipped   $old"
if [ "$new" = "$old" ]; then
  echo "identical"
  exit 0
fi
echo "DIFFERENT: copy the retrained model into entities-data/ (after changing lists, features, the sentences stage or training/aeb-news)"
exit 1
