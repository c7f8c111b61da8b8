#!/usr/bin/env bash
# Command 2: installs whatever is missing, then runs every test lane in tests/lanes/
# in order. Each lane is a script that exits non-zero when any of its tests fails.
# Run a subset by naming lanes: ./scripts/test.sh rust wasm
set -uo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

./scripts/setup.sh || { echo "setup failed"; exit 1; }

# A run from a clean clone writes ~4.5 GB (target/, the lanes' tools): say so before a
# lane fails half-way with "No space left on device".
need_gb=6
free_gb=$(( $(df -Pk "$ROOT" | awk 'NR == 2 { print $4 }') / 1024 / 1024 ))
space_note=
if [ "$free_gb" -lt "$need_gb" ]; then
  space_note="only ${free_gb} GB free on the disk of $ROOT; a run from a clean clone needs ~${need_gb} GB"
  echo "warning: $space_note" >&2
fi
# Incremental compilation only pays when the same tree is built again; a CI run builds a
# clean clone once, and its incremental cache would be ~1.5 GB more to write.
[ -n "${CI:-}" ] && export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

passed=0; failed=0; failed_names=()
for lane in tests/lanes/*.sh; do
  name=$(basename "$lane" .sh); short=${name#*-}
  if [ $# -gt 0 ]; then
    want=0; for a in "$@"; do [ "$a" = "$short" ] && want=1; done
    [ $want = 1 ] || continue
  fi
  printf '\n======== lane %s ========\n' "$short"
  start=$(date +%s)
  if bash "$lane"; then
    passed=$((passed + 1)); status=ok
  else
    failed=$((failed + 1)); failed_names+=("$short"); status=FAILED
  fi
  printf '======== lane %s: %s (%ss) ========\n' "$short" "$status" "$(( $(date +%s) - start ))"
done

echo
[ $failed -gt 0 ] && echo "failed lanes: ${failed_names[*]}"
[ $failed -gt 0 ] && [ -n "$space_note" ] && echo "note: $space_note"
echo "lanes: $passed passed, $failed failed"
[ $failed -eq 0 ]
