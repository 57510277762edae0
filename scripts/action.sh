#!/usr/bin/env bash
# The GitHub Action's steps (action.yml), kept in one script so they can be run and tested locally.
#   action.sh install   create $ACTION_VENV and install the tool from $ACTION_PATH
#   action.sh scan      scan once: write SARIF (+ extra outputs), append the Markdown summary to
#                       $GITHUB_STEP_SUMMARY, set step outputs in $GITHUB_OUTPUT (incl. the exit code)
#   action.sh fix       with INPUT_FIX=diff|write: write the patch `fix --diff` proposes and the Markdown
#                       migration plan; with write, apply the patch too; set patch-file, migration-plan and
#                       changed-files in $GITHUB_OUTPUT (nothing at all when INPUT_FIX is empty)
#   action.sh result    exit with the scan's code unless soft-fail
set -euo pipefail

case "${1:-}" in
  install)
    python3 -m venv "$ACTION_VENV"
    "$ACTION_VENV/bin/python" -m pip install --quiet "$ACTION_PATH"
    "$ACTION_VENV/bin/bedrock-lifecycle" --version
    ;;
  scan)
    tmp="${RUNNER_TEMP:-/tmp}"
    read -r -a paths <<< "${INPUT_PATHS:-.}"
    formats=(-o cli -o sarif -o github -o json)
    files="console,${INPUT_SARIF_FILE},${tmp}/bedrock-lifecycle-summary.md,${tmp}/bedrock-lifecycle.json"
    IFS=',' read -r -a extra <<< "${INPUT_OUTPUTS:-}"
    for fmt in "${extra[@]}"; do
      fmt="${fmt// /}"
      [ -n "$fmt" ] || continue
      case "$fmt" in
        json) ext=json ;; csv) ext=csv ;; junitxml) ext=xml ;; html) ext=html ;; github) ext=md ;;
        migration) ext=migration.md ;; *) ext=txt ;;
      esac
      formats+=(-o "$fmt")
      files+=",bedrock-lifecycle.${ext}"
    done
    args=(scan "${paths[@]}" "${formats[@]}" --output-file-path "$files" --no-color)
    [ -z "${INPUT_FAIL_ON:-}" ] || args+=(--fail-on "$INPUT_FAIL_ON")
    [ -z "${INPUT_AS_OF:-}" ] || args+=(--as-of "$INPUT_AS_OF")
    [ -z "${INPUT_WARN_DAYS:-}" ] || args+=(--warn-days "$INPUT_WARN_DAYS")
    if [ -n "${INPUT_EXTRA_ARGS:-}" ]; then
      read -r -a more <<< "$INPUT_EXTRA_ARGS"
      args+=("${more[@]}")
    fi
    code=0
    "$ACTION_VENV/bin/bedrock-lifecycle" "${args[@]}" || code=$?
    if [ "$code" -eq 2 ]; then
      exit 2  # usage or internal error: the reports were not written
    fi
    failed=$("$ACTION_VENV/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["failed"])' \
      "${tmp}/bedrock-lifecycle.json")
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
      cat "${tmp}/bedrock-lifecycle-summary.md" >> "$GITHUB_STEP_SUMMARY"
    fi
    {
      echo "sarif-file=${INPUT_SARIF_FILE}"
      echo "exit-code=${code}"
      echo "failed=${failed}"
    } >> "${GITHUB_OUTPUT:-/dev/null}"
    ;;
  fix)
    mode="${INPUT_FIX:-}"
    case "$mode" in
      "") exit 0 ;;
      diff|write) ;;
      *) echo "action: fix must be diff, write or empty, not '$mode'" >&2; exit 2 ;;
    esac
    read -r -a paths <<< "${INPUT_PATHS:-.}"
    common=()
    [ -z "${INPUT_AS_OF:-}" ] || common+=(--as-of "$INPUT_AS_OF")
    fix_args=()
    if [ -n "${INPUT_FIX_ARGS:-}" ]; then
      read -r -a fix_args <<< "$INPUT_FIX_ARGS"
    fi
    patch="${INPUT_PATCH_FILE:-bedrock-lifecycle.patch}"
    plan="${INPUT_MIGRATION_PLAN:-bedrock-lifecycle-migration.md}"
    bl="$ACTION_VENV/bin/bedrock-lifecycle"
    # The plan describes the checkout before the fix: what is rewritten and what is left to do by hand.
    code=0
    "$bl" scan "${paths[@]}" -o migration --output-file-path "$plan" --no-color "${common[@]}" || code=$?
    if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
      exit "$code"
    fi
    code=0
    "$bl" fix "${paths[@]}" --diff "${common[@]}" "${fix_args[@]}" > "$patch" || code=$?
    if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
      exit "$code"
    fi
    changed=$(grep -c '^+++ ' "$patch" || true)
    if [ "$mode" = write ] && [ "$changed" -gt 0 ]; then
      "$bl" fix "${paths[@]}" --write "${common[@]}" "${fix_args[@]}" > /dev/null || [ $? -eq 1 ]
    fi
    {
      echo "patch-file=${patch}"
      echo "migration-plan=${plan}"
      echo "changed-files=${changed}"
    } >> "${GITHUB_OUTPUT:-/dev/null}"
    ;;
  result)
    code="${SCAN_EXIT_CODE:-0}"
    if [ "${INPUT_SOFT_FAIL:-false}" = "true" ]; then
      exit 0
    fi
    exit "$code"
    ;;
  *)
    echo "usage: action.sh install|scan|fix|result" >&2
    exit 2
    ;;
esac
