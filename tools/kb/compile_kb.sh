#!/usr/bin/env bash
# Recompile data/kb/kb.bin from the TSV files (run after editing any data/kb/*.tsv, ROLES.md or
# data/entities/*.tsv; the test EntitiesKbBinary.ShippedFileIsUpToDate fails until you do).
# Needs a built libparley (make build). Usage: tools/kb/compile_kb.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
mkdir -p "$BUILD/tools"
g++ -std=c++20 -O2 -Wall -Wextra -Isrc tools/kb/compile_kb.cpp "$BUILD/libparley.a" \
  $(pkg-config --libs icu-uc icu-i18n re2 gumbo sqlite3 zlib libxxhash) -lfmt -lpthread \
  -o "$BUILD/tools/compile_kb"
"$BUILD/tools/compile_kb" data/kb data/kb/kb.bin
