#!/usr/bin/env bash
# Builds notelint from the action's own checkout into the runner's temp dir.
set -euo pipefail
cd "$GITHUB_ACTION_PATH"
go build -trimpath -o "$RUNNER_TEMP/notelint" ./cmd/notelint
"$RUNNER_TEMP/notelint" version
