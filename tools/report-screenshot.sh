#!/bin/sh
# Renders a study report in headless Chromium (Debian's 'chromium' package) to a PNG, to look at it
# as a reader would: ./tools/report-screenshot.sh studies/x/report.html [/tmp/report.png] [height]
# Not part of mvn verify. Nothing is fetched: the report is one self-contained file.
set -eu
html=$(realpath "${1:?usage: tools/report-screenshot.sh REPORT.html [OUT.png] [HEIGHT]}")
out=$(realpath -m "${2:-/tmp/report.png}")
height=${3:-5000}
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --screenshot="$out" --window-size=1400,"$height" "file://$html" 2>/dev/null
echo "wrote $out"
