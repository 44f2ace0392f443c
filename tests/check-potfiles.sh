#!/usr/bin/env bash
# check-potfiles.sh — every file with translatable strings is in po/POTFILES.in, and only those
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
top=$1
cd "$top" || exit 1

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
found=$( (grep -rlE '(^|[^A-Za-z_])N?_\(\s*"' src --include='*.c' 2>/dev/null;
          grep -rl 'translatable="yes"' ui data --include='*.ui' --include='*.in' 2>/dev/null) | sort -u)

status=0
for f in $found; do
  grep -qx "$f" <<<"$listed" || { echo "not ok - $f has translatable strings but is not in po/POTFILES.in"; status=1; }
done
for f in $listed; do
  [ -f "$f" ] || { echo "not ok - po/POTFILES.in lists $f, which does not exist"; status=1; }
done
[ $status -eq 0 ] && echo "ok - po/POTFILES.in lists every file with translatable strings"
echo "1..1"
exit $status
