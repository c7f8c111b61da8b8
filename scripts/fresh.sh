# Sourced by the build scripts: skip a build whose output is newer than every file it
# was built from. After a build, `stamp_write` records the build's settings and the
# source files rustc read for it (from cargo's dep-info file, so a file belongs to a
# build only when that build compiles it: the worker does not depend on src/js/, the
# sandbox on nothing under src/). `stamp_fresh` later says whether any of them changed.
#
#   stamp_start STAMP               before the build (sources edited during it count)
#   stamp_write STAMP KEY DEPINFO [EXTRA...]   after a successful build
#   stamp_fresh STAMP KEY           exit 0 when nothing changed since
#
# KEY is one line naming everything else the output depends on (profile, features,
# target); a different KEY always rebuilds. FORCE_BUILD=1 makes nothing fresh.

stamp_start() {
  mkdir -p "$(dirname "$1")"
  touch "$1.started"
}

# Cargo's dep-info: `output: dep dep ...` on one line, spaces in paths escaped as `\ `.
# Prints one path a line, leaving out what a build script generated under the target
# directory (OUT_DIR): it is written during the build, after `stamp_start`, so it would
# make the next start rebuild for nothing; its inputs are named as EXTRA paths and cargo
# regenerates it when they change.
_depinfo_paths() {
  local target=${CARGO_TARGET_DIR:-${ROOT:-.}/target} logical physical
  # Cargo names it by the path it was given or by the physical one: leave out both.
  logical=$(cd "$target" 2>/dev/null && pwd) || logical=/nonexistent
  physical=$(cd "$target" 2>/dev/null && pwd -P) || physical=/nonexistent
  head -n 1 "$1" | sed -e 's/^[^:]*:[[:space:]]*//' -e 's/\\ /\x01/g' | tr ' ' '\n' |
    tr '\001' ' ' | sed '/^$/d' | grep -v -F -e "$logical/" -e "$physical/" || true
}

stamp_write() {
  local stamp=$1 key=$2 depinfo=$3
  shift 3
  if [ ! -f "$depinfo" ]; then
    # A target directory elsewhere (cargo config): no list of sources, so no stamp, and
    # the next run builds again rather than trusting a guess.
    echo "fresh.sh: no $depinfo; the next run builds again" >&2
    rm -f "$stamp" "$stamp.started"
    return 0
  fi
  {
    printf '%s\n' "$key"
    _depinfo_paths "$depinfo"
    for extra in "$@"; do printf '%s\n' "$extra"; done
  } >"$stamp.tmp"
  mv "$stamp.tmp" "$stamp"
  # The stamp's time is the build's start, so a file saved mid-build is newer.
  if [ -f "$stamp.started" ]; then
    touch -r "$stamp.started" "$stamp"
    rm -f "$stamp.started"
  fi
}

stamp_fresh() {
  local stamp=$1 key=$2 path
  [ "${FORCE_BUILD:-0}" != 1 ] || return 1
  [ -f "$stamp" ] || return 1
  [ "$(head -n 1 "$stamp")" = "$key" ] || return 1
  while IFS= read -r path; do
    if [ ! -e "$path" ] || [ "$path" -nt "$stamp" ]; then return 1; fi
  done < <(tail -n +2 "$stamp")
  return 0
}
