#!/usr/bin/env bash
# Lane: bounded cargo-fuzz runs of every parser of outside input (fuzz/fuzz_targets/).
# Each target runs FUZZ_SECONDS (30 by default) from the committed seeds in
# fuzz/seeds/<target>/ plus whatever corpus earlier runs left in fuzz/corpus/<target>/.
# Fails on any crash, panic, failed assertion, leak or timeout; prints executions and
# coverage per target. Longer runs: FUZZ_SECONDS=600 ./scripts/test.sh fuzz
set -euo pipefail
source "$(dirname "$0")/../../scripts/env.sh"
cd "$ROOT"

SECONDS_PER_TARGET="${FUZZ_SECONDS:-30}"
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "cargo-fuzz is missing: run scripts/setup.sh"; exit 1
fi
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "the nightly toolchain is missing: run scripts/setup.sh"; exit 1
fi

echo "building fuzz targets (nightly, address sanitizer, release)"
cargo +nightly fuzz build -O

mapfile -t targets < <(cargo +nightly fuzz list)
[ ${#targets[@]} -gt 0 ] || { echo "no fuzz targets found"; exit 1; }

logs="$ROOT/.tools/tmp/fuzz-logs"
mkdir -p "$logs"
failed=()
summary=()
for t in "${targets[@]}"; do
  corpus="fuzz/corpus/$t"
  mkdir -p "$corpus"
  seeds=()
  [ -d "fuzz/seeds/$t" ] && seeds=("fuzz/seeds/$t")
  printf '\n--- %s: %ss ---\n' "$t" "$SECONDS_PER_TARGET"
  # -timeout: one input taking over 10 s is a hang, reported as a failure.
  # -rss_limit_mb: an input that makes the parser allocate gigabytes is a failure too.
  if cargo +nightly fuzz run -O "$t" "$corpus" "${seeds[@]}" -- \
      -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
      -max_len=16384 -print_final_stats=1 >"$logs/$t.log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed+=("$t")
    # The crash report and the input that caused it.
    grep -E -A30 'panicked|ERROR: (libFuzzer|AddressSanitizer)|SUMMARY' "$logs/$t.log" | head -60 || true
    ls "fuzz/artifacts/$t" 2>/dev/null | sed 's/^/  artifact: fuzz\/artifacts\/'"$t"'\//' || true
  fi
  runs=$(grep -Eo 'Done [0-9]+ runs' "$logs/$t.log" | grep -Eo '[0-9]+' | tail -1 || true)
  done_line=$(grep -E '#[0-9]+\s+DONE' "$logs/$t.log" | tail -1 || true)
  cov=$(grep -Eo 'cov: [0-9]+' <<<"$done_line" | grep -Eo '[0-9]+' || true)
  ft=$(grep -Eo 'ft: [0-9]+' <<<"$done_line" | grep -Eo '[0-9]+' || true)
  eps=$(grep -Eo 'exec/s: [0-9]+' <<<"$done_line" | grep -Eo '[0-9]+' || true)
  corp=$(find "$corpus" -type f | wc -l)
  summary+=("$(printf '%-18s %-7s %12s %9s %7s %7s %8s' "$t" "$status" "${runs:-?}" "${eps:-?}" "${cov:-?}" "${ft:-?}" "$corp")")
  echo "$t: $status, ${runs:-?} executions, cov ${cov:-?}"
done

printf '\n%-18s %-7s %12s %9s %7s %7s %8s\n' target status executions exec/s cov features corpus
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]} (logs in $logs, inputs in fuzz/artifacts/)"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${SECONDS_PER_TARGET}s each, zero crashes"
