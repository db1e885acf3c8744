#!/usr/bin/env bash
# Runs notelint with the action's inputs (INPUT_* variables) and records
# its exit status and SARIF path as step outputs. The step fails when
# notelint does, so a required check blocks the merge.
set -uo pipefail
notelint="$RUNNER_TEMP/notelint"
args=(--fail-on "${INPUT_FAIL_ON:-error}" --format "${INPUT_FORMAT:-github}")
if [ -n "${INPUT_CONFIG:-}" ]; then
	args+=(--config "$INPUT_CONFIG")
fi
if [ -n "${INPUT_SARIF_FILE:-}" ]; then
	args+=(--format "sarif=$INPUT_SARIF_FILE")
fi
if [ -n "${INPUT_BASELINE:-}" ]; then
	args+=(--baseline "$INPUT_BASELINE")
fi
if [ "${INPUT_ONLY_CHANGED:-false}" = "true" ]; then
	base="${BASE_SHA:-}"
	if [ -n "$base" ] && [ "$base" != "0000000000000000000000000000000000000000" ] && git cat-file -e "$base^{commit}" 2>/dev/null; then
		args+=(--changed-since "$base")
	else
		echo "::notice title=notelint::only-changed: the base commit is not available (use actions/checkout with fetch-depth: 0); checking every note"
	fi
fi
read -r -a extra <<<"${INPUT_ARGS:-}"
read -r -a paths <<<"${INPUT_PATH:-.}"
"$notelint" "${args[@]}" "${extra[@]}" -- "${paths[@]}"
code=$?
{
	echo "exit-code=$code"
	echo "sarif-file=${INPUT_SARIF_FILE:-}"
} >>"${GITHUB_OUTPUT:-/dev/null}"
exit "$code"
