#!/usr/bin/env bash
# test.sh: installs what is missing, builds winnow with warnings as errors, and
# runs the whole test suite. `scripts/test.sh --sanitize` does the same in a
# separate build under AddressSanitizer and UndefinedBehaviorSanitizer;
# `scripts/test.sh --valgrind` runs the suite under valgrind.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
mode=${1:-plain}
case "$mode" in
  plain) dir=build-test; opts=(-Dwerror=true); setup=() ;;
  --sanitize) dir=build-sanitize; opts=(-Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false); setup=() ;;
  --valgrind) WN_PACKAGES+=(valgrind); dir=build-test; opts=(-Dwerror=true); setup=(--setup valgrind) ;;
  *) echo "usage: scripts/test.sh [--sanitize|--valgrind]" >&2; exit 2 ;;
esac
wn_install_deps
if [ -f "$dir/build.ninja" ]; then
  meson configure "$dir" "${opts[@]}" >/dev/null
else
  meson setup "$dir" "${opts[@]}" >&2
fi
ninja -C "$dir"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export ASAN_OPTIONS=detect_leaks=1
log="$dir/meson-logs/suite-output.txt"
set +e
meson test -C "$dir" --print-errorlogs --num-processes 2 "${setup[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# meson's summary ("Ok: N", "Fail: N", "Timeout: N") as one plain closing line.
count() { awk -v k="$1:" '$1 == k { n = $2 } END { print n + 0 }' "$log"; }
label=tests
[ "$mode" = plain ] || label=${mode#--}
echo "$label: $(count Ok) passed, $(($(count Fail) + $(count Timeout))) failed, $(count Skipped) skipped"
exit "$status"
