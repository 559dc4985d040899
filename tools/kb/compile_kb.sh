#!/usr/bin/env bash
# Recompile data/kb/kb.bin from the TSV files (run after editing any data/kb/*.tsv, ROLES.md or
# data/entities/*.tsv; the test EntitiesKbBinary.ShippedFileIsUpToDate fails until you do).
# Needs a built parley (make build). Usage: tools/kb/compile_kb.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
"${BUILD:-build}/parley" kb build --dir data/kb --out data/kb/kb.bin
