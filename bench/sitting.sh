#!/bin/sh
# sitting.sh: every speed benchmark of the README's "Measured" table, ROUNDS
# rounds back to back (default 3), so that all figures come from one sitting;
# quote the median of the rounds. Run from the top of the repository after
# `ninja -C BUILD`; the runner bench wants its input made first:
#
#   build/bench/core/gen-news /tmp/news.jsonl 220
#   bench/sitting.sh [BUILD] [ROUNDS]
set -eu
BUILD=${1:-build}
ROUNDS=${2:-3}
DATA=${WINNOW_DATA:-../shared/data}
SEEDS=${WINNOW_SEEDS:-../shared/seeds}
r=1
while [ "$r" -le "$ROUNDS" ]; do
  echo "=== round $r $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg)"
  "$BUILD/bench/core/bench-runner" /tmp/news.jsonl 3 | tail -4
  "$BUILD/bench/boilerplate/speed" "$DATA/boilerplate/aeb" "$SEEDS" 5 | tail -2
  "$BUILD/bench/sentences/sentences-bench" --runs 9 --news-only | grep "news text"
  "$BUILD/bench/entities/entities-speed" --mb 20 --runs 5 | tail -3
  "$BUILD/bench/summarize/summarize-speed" --repeat 7 "$DATA/summaries/multinews-val-200.jsonl" | tail -2
  r=$((r + 1))
done
