#!/usr/bin/env bash
# The GitHub Action's steps (action.yml runs them; the tests run them with a fake $GITHUB_* environment).
#
#   action.sh node      sets the output setup=true when the runner's Node is missing or not one mxscan runs on
#                       (20.19+, 22.12+, 23 and later: the versions yargs runs on)
#   action.sh install   installs the mxscan package into $RUNNER_TEMP (runtime dependencies only, nothing
#                       compiled) and sets the output bin= to its mxscan
#   action.sh run       runs $MXSCAN_BIN scan with the INPUT_* variables, sets the outputs, writes the job
#                       summary line when mxscan stopped before writing one, and exits with mxscan's code
set -uo pipefail

output() { echo "$1=$2" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"; }

# Words of an input separated by blanks or newlines (a YAML `|` block lists one a line), never glob-expanded
# (mxscan expands globs itself); a CR of a CRLF line end is a separator too.
words() { IFS=$' \t\n\r' read -r -d '' -a WORDS <<< "${1:-}" || true; }

node_step() {
  local v
  v=$(node -p 'process.versions.node' 2>/dev/null) || v=''
  local major=${v%%.*} rest=${v#*.}
  local minor=${rest%%.*}
  if [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] && (( major >= 23 || (major == 22 && minor >= 12) || (major == 20 && minor >= 19) )); then
    echo "mxscan: using the runner's Node $v"
    output setup false
  else
    echo "mxscan: the runner's Node (${v:-none}) is not 20.19+, 22.12+ or 23+: setting up the current LTS"
    output setup true
  fi
}

install_step() {
  local action="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
  local prefix="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/mxscan-action"
  local pkg="${INPUT_PACKAGE:-}"
  mkdir -p "$prefix"
  if [ -z "$pkg" ] && [ -f "$action/dist/bin.js" ]; then
    # A ref that carries its built dist/ (a release): pack it as npm would publish it, nothing compiled.
    pkg="$prefix/$(cd "$action" && npm pack --ignore-scripts --silent --pack-destination "$prefix" | tail -n 1)"
  elif [ -z "$pkg" ]; then
    # A ref without dist/ (a branch): the published package of the same version.
    pkg="mxscan@$(node -p "require(process.argv[1]).version" "$action/package.json")"
  fi
  echo "mxscan: installing $pkg"
  npm install --global --prefix "$prefix" --omit=dev --no-audit --no-fund --loglevel=error "$pkg" || return 2
  output bin "$prefix/bin/mxscan"
}

run_step() {
  local bin="${MXSCAN_BIN:-mxscan}"
  local out="${INPUT_OUT:-mxscan-report}"
  local args=(scan)
  words "${INPUT_PATHS:-}"; args+=("${WORDS[@]}")
  args+=(--github --out "$out")
  # Not given: the configuration file's failOn, else none (the command line's own default).
  [ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
  [ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
  [ -n "${INPUT_FAIL_ON_NEW:-}" ] && args+=(--fail-on-new "$INPUT_FAIL_ON_NEW")
  words "${INPUT_CATALOG:-}"; for c in "${WORDS[@]}"; do args+=(--catalog "$c"); done
  [ -n "${INPUT_SUPPRESS:-}" ] && args+=(--suppress "$INPUT_SUPPRESS")
  [ -n "${INPUT_JUNIT:-}" ] && args+=(--junit "$INPUT_JUNIT")
  [ -n "${INPUT_SINCE:-}" ] && args+=(--since "$INPUT_SINCE")
  [ -n "${INPUT_UNTIL:-}" ] && args+=(--until "$INPUT_UNTIL")
  [ -n "${INPUT_AROUND:-}" ] && args+=(--around "$INPUT_AROUND")
  [ -n "${INPUT_WINDOW:-}" ] && args+=(--window "$INPUT_WINDOW")
  [ -n "${INPUT_INPUT_FORMAT:-}" ] && args+=(--input-format "$INPUT_INPUT_FORMAT")
  [ -n "${INPUT_CODE_FIELD:-}" ] && args+=(--code-field "$INPUT_CODE_FIELD")
  [ -n "${INPUT_TIME_FIELD:-}" ] && args+=(--time-field "$INPUT_TIME_FIELD")
  words "${INPUT_EXCLUDE:-}"; for e in "${WORDS[@]}"; do args+=(--exclude "$e"); done
  [ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
  if [ "${INPUT_REDACT:-true}" = "true" ]; then args+=(--redact); else args+=(--no-redact); fi
  words "${INPUT_ARGS:-}"; args+=("${WORDS[@]}")

  local summary="${GITHUB_STEP_SUMMARY:-}" before=0 err status=0
  [ -n "$summary" ] && [ -f "$summary" ] && before=$(wc -c < "$summary")
  err=$(mktemp)
  # Made before the scan: a report not newer than it is an earlier step's, not this run's.
  local mark
  mark=$(mktemp)
  "$bin" "${args[@]}" 2> "$err" || status=$?
  # stderr is replayed whole for the log (annotations included), and kept for the summary line.
  cat "$err" >&2

  output exit-code "$status"
  [ "$out/report.json" -nt "$mark" ] && output report-json "$out/report.json"
  [ "$out/report.md" -nt "$mark" ] && output report-md "$out/report.md"
  [ "$out/report.html" -nt "$mark" ] && output report-html "$out/report.html"
  [ -n "${INPUT_JUNIT:-}" ] && [ "$INPUT_JUNIT" -nt "$mark" ] && output junit "$INPUT_JUNIT"

  local after=0
  [ -n "$summary" ] && [ -f "$summary" ] && after=$(wc -c < "$summary")
  if [ -n "$summary" ] && [ "$after" = "$before" ]; then
    # mxscan stopped before its report (a usage error, a bad catalog): one line says why.
    local why
    why=$(grep -v '^::' "$err" | grep -m 1 '^mxscan: ' | sed 's/^mxscan: //')
    # The line names files and quotes logs: in a code span (its backticks made quotes), no markdown or
    # HTML of theirs renders in the summary.
    why=${why//\`/\'}
    if [ -n "$why" ]; then why="\`$why\`"; else why="see the job log"; fi
    echo "**mxscan** stopped with exit code $status: $why" >> "$summary"
  fi
  rm -f "$err" "$mark"
  return "$status"
}

case "${1:-}" in
  node) node_step ;;
  install) install_step ;;
  run) run_step ;;
  *) echo "usage: action.sh node|install|run" >&2; exit 2 ;;
esac
