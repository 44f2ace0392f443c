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
for po in "$top"/po/*.po; do
  step "$(basename "$po") compiles with msgfmt --check" msgfmt --check -o /dev/null "$po"
done

echo "1..$n"
[ $failed -eq 0 ]
