#!/usr/bin/env bash
# Rebuild models/ner/ner.model from ../shared/data/ner/ and print held-out exact-span F1.
# Needs a built libparley (make build). Usage: tools/entities/train_ner.sh [epochs] [bits] [nogaz|nocl]
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
mkdir -p "$BUILD/tools"
g++ -std=c++20 -O2 -Wall -Wextra -Isrc tools/entities/train_ner.cpp "$BUILD/libparley.a" \
  $(pkg-config --libs icu-uc icu-i18n re2 gumbo sqlite3 zlib libxxhash libarchive) -lfmt -lpthread \
  -o "$BUILD/tools/train_ner"
"$BUILD/tools/train_ner" "$SHARED/data/ner" data/kb models/ner/ner.model "${1:-8}" "${2:-18}" ${3:+"$3"}
sha256sum models/ner/ner.model > models/ner/ner.model.sha256
