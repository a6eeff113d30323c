#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes the README's screenshots of the window on the bundled example, in
# English and in Chinese, under Xvfb:
#
#   build-aux/screenshots.sh [OUT-DIR]    (default: data/screenshots)
#
# Needs a built _build/ (build-aux/dev.sh build), xdotool and ImageMagick's
# `import`. Page n of the window is Alt+n; the shots are window-en.png
# (page EN_PAGE) and window-zh.png (page ZH_PAGE), and review-en.png and
# review-zh.png: the Goals page with the review panel open (F8).

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${1:-data/screenshots}
EN_PAGE=${EN_PAGE:-6}
ZH_PAGE=${ZH_PAGE:-2}
SIZE=${SIZE:-1100x760}

for tool in xvfb-run xdotool import; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool is missing" >&2; exit 1; }
done
mkdir -p "$out"
meson compile -C _build >/dev/null
data_home=$(mktemp -d)
trap 'rm -rf "$data_home"' EXIT

# shoot LANGUAGE LOCALE KEYS FILE: KEYS are pressed in turn before the shot.
shoot() {
  xvfb-run -a -s "-screen 0 ${SIZE}x24" env \
    LANGUAGE="$1" LC_ALL="$2" GSETTINGS_BACKEND=memory \
    GSETTINGS_SCHEMA_DIR=_build/data XDG_DATA_HOME="$data_home" \
    PERFGOAL_LOCALEDIR=_build/po \
    bash -c '
      _build/src/perfgoal --example &
      pid=$!
      window=$(xdotool search --sync --onlyvisible --class perfgoal | head -n 1)
      xdotool windowsize "$window" '"${SIZE%x*} ${SIZE#*x}"'
      sleep 1
      for key in '"$3"'; do
        xdotool key --window "$window" "$key"
        sleep 1
      done
      sleep 1
      import -window "$window" "'"$4"'"
      kill "$pid"'
}

shoot en en_US.UTF-8 "alt+$EN_PAGE" "$out/window-en.png"
shoot zh_CN zh_CN.UTF-8 "alt+$ZH_PAGE" "$out/window-zh.png"
shoot en en_US.UTF-8 "alt+6 F8" "$out/review-en.png"
shoot zh_CN zh_CN.UTF-8 "alt+6 F8" "$out/review-zh.png"
echo "screenshots in $out"
