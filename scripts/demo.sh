#!/usr/bin/env bash
# demo.sh: the main job. Installs what is missing, builds winnow, and runs the
# news pipeline (boilerplate → sentences → entities → summarize) on the bundled
# samples, printing a readable digest: each article's title, summary and main
# entities, then the cluster summary. Extra arguments go to `winnow run`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
wn_install_deps
[ -f build/build.ninja ] || meson setup build >&2
ninja -C build >&2
exec build/core/winnow run pipelines/news.json samples/ --group samples --format text "$@"
