#!/usr/bin/env bash
# Score `parley timex` on TimeBank, AQ-dev, AQ-test and all of TBAQ (TempEval-3 metric).
# Usage: tools/time/evaluate.sh [PARTS...]   (default: timebank aq_dev aq_test all)
# Run from the worktree root after `make build`. Work files go to ${TMPDIR:-/tmp}/parley_te3.
set -euo pipefail
G=${G:-../shared/data/tempeval3/TBAQ-cleaned}
W=${TMPDIR:-/tmp}/parley_te3
PARTS=${*:-timebank aq_dev aq_test all}
mkdir -p "$W"
python3 tools/time/split_aquaint.py "$G/AQUAINT" --link "$W" >/dev/null
mkdir -p "$W/timebank" "$W/all"
for f in "$G"/TimeBank/*.tml; do ln -sf "$(realpath "$f")" "$W/timebank/"; done
for f in "$G"/TimeBank/*.tml "$G"/AQUAINT/*.tml; do ln -sf "$(realpath "$f")" "$W/all/"; done
for part in $PARTS; do
  rm -rf "$W/out_$part"
  ./build/parley timex --timeml "$W/$part"/*.tml --out "$W/out_$part" >/dev/null
  echo "== $part"
  python3 tools/time/te3_score.py "$W/$part" "$W/out_$part"
done
