#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Developer entry point.
#
#   build-aux/dev.sh setup    install the Debian packages that are missing
#   build-aux/dev.sh build    setup, then configure and build _build/
#   build-aux/dev.sh run [ARG…]
#                             build, then open the bundled example declaration
#   build-aux/dev.sh test     setup, then every test: a normal build, an
#                             ASan/UBSan build and the command-line tests under
#                             Valgrind; ends with one line "N passed, N failed"
#   build-aux/dev.sh summary  print that line again from the last test logs

set -euo pipefail

# Everything the build, the tests and the test harness need, in one place.
PACKAGES=(
  build-essential
  meson
  ninja-build
  pkg-config
  gettext
  itstool
  libglib2.0-dev
  libglib2.0-dev-bin
  libgtk-4-dev
  libepoxy-dev
  libadwaita-1-dev
  libsqlite3-dev
  libjson-glib-dev
  libharfbuzz-dev
  desktop-file-utils
  appstream
  libxml2-utils
  xvfb
  xauth
  dbus
  dbus-x11
  at-spi2-core
  python3-dogtail
  python3-pyatspi
  xdotool
  locales
  valgrind
  poppler-utils
  fonts-noto-cjk
  sqlite3
)

BUILD_DIR=_build
ASAN_DIR=_build-asan

# The logs the summary counts (glob patterns): normal run, sanitizer run,
# Valgrind run. With --wrapper, meson appends the wrapper's name to the
# logbase, so the last one is really testlog-valgrind-valgrind.json.
TEST_LOGS=(
  "$BUILD_DIR/meson-logs/testlog.json"
  "$ASAN_DIR/meson-logs/testlog.json"
  "$BUILD_DIR/meson-logs/testlog-valgrind*.json"
)

# Work from the repository root whatever the caller's directory; `run` still
# resolves its FILE arguments against the caller's.
CALLER_DIR=$PWD
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# A fixed, UTF-8 locale: test output and sorting must not depend on the
# caller's, and the form is full of CJK text.
export LC_ALL=C.UTF-8

note() {
  printf '==> %s\n' "$*" >&2
}

usage() {
  sed -n '4,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
}

# The locales the tests format numbers and dates in.
LOCALES=(en_US.UTF-8 zh_CN.UTF-8)

# as_root COMMAND…: run COMMAND as root, through sudo when needed.
as_root() {
  if ((EUID == 0)); then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    note "not root and no sudo: as root, run: $*"
    return 1
  fi
}

install_packages() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null \
         | grep -q '^install ok installed$'; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi

  note "installing: ${missing[*]}"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

generate_locales() {
  local missing=() name
  for name in "${LOCALES[@]}"; do
    # `locale -a` spells UTF-8 as utf8.
    if ! locale -a 2>/dev/null | grep -qix "${name%.UTF-8}.utf8"; then
      missing+=("$name")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi

  note "generating locales: ${missing[*]}"
  for name in "${missing[@]}"; do
    as_root sed -i "s/^# *\(${name} UTF-8\)/\1/" /etc/locale.gen
  done
  as_root locale-gen
}

cmd_setup() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    note "not a Debian system: install the equivalents of these yourself: ${PACKAGES[*]}"
    note "and generate these locales: ${LOCALES[*]}"
    return 0
  fi
  install_packages
  generate_locales
}

# configure DIR [MESON-OPTION…]: set up DIR, or reconfigure it if it is
# already a build directory (so that changed options take effect).
configure() {
  local dir=$1
  shift
  if [[ -f $dir/meson-private/coredata.dat ]]; then
    meson setup --reconfigure "$dir" "$@"
  else
    meson setup "$dir" "$@"
  fi
}

cmd_build() {
  cmd_setup
  configure "$BUILD_DIR"
  meson compile -C "$BUILD_DIR"
}

cmd_run() {
  cmd_build
  # devenv puts _build/src on PATH and points GSETTINGS_SCHEMA_DIR at the
  # schemas compiled in _build/data; -w keeps relative FILE arguments working.
  exec meson devenv -C "$BUILD_DIR" -w "$CALLER_DIR" perfgoal --example "$@"
}

# under_display DIR MESON-TEST-ARG…: run `meson test` in DIR with its own
# session bus (for AT-SPI and portals) and its own X server. -noreset: an X
# server resets when its last client leaves, and a program that connects
# during the reset fails with "cannot open display" (the AT-SPI test's
# program did, when the test before it had just closed its window).
under_display() {
  local dir=$1
  shift
  dbus-run-session -- \
    xvfb-run -a -s '-screen 0 1280x1024x24 -noreset' \
    meson test -C "$dir" --print-errorlogs "$@"
}

stage_normal() {
  note "normal build and tests ($BUILD_DIR)"
  configure "$BUILD_DIR" || return 1
  meson compile -C "$BUILD_DIR" || return 1
  under_display "$BUILD_DIR"
}

stage_sanitizers() {
  note "AddressSanitizer + UndefinedBehaviorSanitizer build and tests ($ASAN_DIR)"
  configure "$ASAN_DIR" -Db_sanitize=address,undefined -Db_lundef=false || return 1
  meson compile -C "$ASAN_DIR" || return 1

  local lsan_options=${LSAN_OPTIONS:-}
  # Leaks inside the system libraries (fontconfig, Mesa, …) that no test
  # can fix are listed there, if anyone has needed to list any.
  if [[ -f build-aux/lsan.supp ]]; then
    lsan_options="suppressions=$PWD/build-aux/lsan.supp${lsan_options:+:$lsan_options}"
  fi
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  LSAN_OPTIONS=$lsan_options \
    under_display "$ASAN_DIR" --timeout-multiplier 3
}

stage_valgrind() {
  local listed
  if ! listed=$(meson test -C "$BUILD_DIR" --list --suite cli 2>/dev/null) \
     || [[ -z $listed ]] || grep -q '^No .*tests defined' <<<"$listed"; then
    note "no tests in suite 'cli': skipping the Valgrind run"
    return 0
  fi
  note "command-line tests under Valgrind ($BUILD_DIR, suite cli)"
  # GLib 2.74 still has GSlice: make it use malloc so Valgrind sees every
  # block, and have GLib clear pointers so leaks are not hidden by stale ones.
  G_SLICE=always-malloc G_DEBUG=gc-friendly \
    under_display "$BUILD_DIR" --suite cli --timeout-multiplier 3 \
      --logbase testlog-valgrind \
      --wrapper='valgrind --leak-check=full --error-exitcode=1 --errors-for-leak-kinds=definite'
}

# Print "N passed, N failed" over the test logs; exit 1 if nothing ran or
# anything failed. OK and EXPECTEDFAIL pass; SKIP counts as neither.
cmd_summary() {
  python3 - "${TEST_LOGS[@]}" <<'EOF'
import glob
import json
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
FAILED = {"FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS", "INTERRUPT"}

passed = failed = 0
paths = [path for pattern in sys.argv[1:] for path in sorted(glob.glob(pattern))]
for path in paths:
    try:
        log = open(path, encoding="utf-8", errors="replace")
    except OSError:
        continue
    with log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            try:
                result = json.loads(line).get("result")
            except (ValueError, AttributeError):
                continue
            if result in PASSED:
                passed += 1
            elif result in FAILED:
                failed += 1

print(f"{passed} passed, {failed} failed", flush=True)
sys.exit(0 if passed > 0 and failed == 0 else 1)
EOF
}

cmd_test() {
  # Old logs must not be counted if a stage dies before writing its own.
  local pattern
  for pattern in "${TEST_LOGS[@]}"; do
    # Unquoted on purpose: the patterns are globs.
    rm -f $pattern
  done
  # Whatever happens from here on, the last line printed is the count.
  trap print_summary_on_exit EXIT

  cmd_setup

  # Tests must neither read nor change the developer's own settings.
  export GSETTINGS_BACKEND=memory

  local failed=()
  stage_normal || failed+=(normal)
  stage_sanitizers || failed+=(sanitizers)
  stage_valgrind || failed+=(valgrind)

  if ((${#failed[@]})); then
    note "failed: ${failed[*]}"
    exit 1
  fi
  exit 0
}

# The EXIT trap of `test`: print the count last, and fail when nothing ran
# or anything failed, even if the stages themselves reported success.
print_summary_on_exit() {
  local status=$?
  trap - EXIT
  if ! cmd_summary; then
    ((status != 0)) || status=1
  fi
  exit "$status"
}

main() {
  local cmd=${1:-}
  (($#)) && shift
  case $cmd in
    setup) cmd_setup ;;
    build) cmd_build ;;
    run) cmd_run "$@" ;;
    test) cmd_test ;;
    summary) cmd_summary ;;
    -h|--help|help) usage ;;
    *)
      usage
      exit 2
      ;;
  esac
}

main "$@"
