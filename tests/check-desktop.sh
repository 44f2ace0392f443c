#!/usr/bin/env bash
# check-desktop.sh — the desktop file, metainfo, settings schema and icons pass their own validators
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-desktop.sh MERGED.desktop MERGED.metainfo.xml SOURCE-ROOT BUILD-DATA-DIR
set -u
desktop=$1
metainfo=$2
top=$3
build_data=$4
app_id=io.github.rubricqa.Rubric
n=0
failed=0
step () {
  local name=$1; shift
  n=$((n + 1))
  if out=$("$@" 2>&1); then echo "ok $n - $name"; else failed=$((failed + 1)); echo "not ok $n - $name"; echo "$out" | sed 's/^/# /'; fi
}

step "desktop-file-validate accepts $(basename "$desktop")" desktop-file-validate "$desktop"
step "appstreamcli validate --no-net accepts $(basename "$metainfo")" \
  appstreamcli validate --no-net "$metainfo"
step "glib-compile-schemas --strict accepts data/" \
  glib-compile-schemas --strict --dry-run "$top/data"
step "the compiled schema is in the build folder, with its defaults" \
  sh -c "GSETTINGS_SCHEMA_DIR='$build_data' GSETTINGS_BACKEND=memory \
         gsettings get $app_id window-width | grep -qx 1100"
for lang in fr lv; do
  step "the desktop file has its $lang translations merged" \
    sh -c "grep -q '^Comment\[$lang\]=' '$desktop' && grep -q '^Keywords\[$lang\]=.*;\$' '$desktop'"
  step "the metainfo has its $lang translations merged" \
    grep -q "<summary xml:lang=\"$lang\">" "$metainfo"
done
for icon in "$top/data/icons/hicolor/scalable/apps/$app_id.svg" \
            "$top/data/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"; do
  step "$(basename "$icon") is well-formed XML" xmllint --noout "$icon"
done
resources=$top/data/sample/rubric-sample.gresource.xml
for wav in "$top"/data/sample/call-*.wav; do
  step "the sample resources list $(basename "$wav")" \
    grep -q "<file>$(basename "$wav")</file>" "$resources"
done

echo "1..$n"
[ $failed -eq 0 ]
