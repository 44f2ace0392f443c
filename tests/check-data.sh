#!/usr/bin/env bash
# check-data.sh — the shipped schemas, scorecard and translations are valid by their own tools
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
top=$1
n=0
failed=0
step () {
  local name=$1; shift
  n=$((n + 1))
  if out=$("$@" 2>&1); then echo "ok $n - $name"; else failed=$((failed + 1)); echo "not ok $n - $name"; echo "$out" | sed 's/^/# /'; fi
}

for schema in "$top"/data/schemas/*.rng; do
  step "$(basename "$schema") is well-formed XML" xmllint --noout "$schema"
done
for card in "$top"/data/scorecards/*.xml; do
  step "$(basename "$card") follows scorecard.rng" \
    xmllint --noout --relaxng "$top/data/schemas/scorecard.rng" "$card"
done
step "the SPEC §8.1 example follows scorecard.rng" \
  xmllint --noout --relaxng "$top/data/schemas/scorecard.rng" "$top/tests/data/scorecard-spec.xml"
step "the test evaluations follow evaluations.rng" \
  xmllint --noout --relaxng "$top/data/schemas/evaluations.rng" "$top/tests/data/evaluations-test.xml"
for contract in "$top"/tests/data/contracts/*.xml; do
  step "contracts/$(basename "$contract") follows contract.rng" \
    xmllint --noout --relaxng "$top/data/schemas/contract.rng" "$contract"
done
step "the test metrics follow metrics.rng" \
  xmllint --noout --relaxng "$top/data/schemas/metrics.rng" "$top/tests/data/metrics/good.xml"
step "the golden ratings export follows ratings.rng" \
  xmllint --noout --relaxng "$top/data/schemas/ratings.rng" "$top/tests/data/ratings/ratings.xml"
for po in "$top"/po/*.po; do
  step "$(basename "$po") compiles with msgfmt --check" msgfmt --check -o /dev/null "$po"
done

# Every string the sources have is translated, in every language.
pot=$(mktemp)
(cd "$top" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
   --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --add-comments \
   -o "$pot" $(grep -v '^#' po/POTFILES.in | sed '/^$/d')) 2>/dev/null
for po in "$top"/po/*.po; do
  merged=$(mktemp)
  msgmerge -q --no-fuzzy-matching -o "$merged" "$po" "$pot" 2>/dev/null
  step "$(basename "$po") translates every message of the sources" \
    sh -c "msgfmt --statistics -o /dev/null '$merged' 2>&1 | grep -v -e untranslated -e fuzzy"
  rm -f "$merged"
done
rm -f "$pot"

echo "1..$n"
[ $failed -eq 0 ]
