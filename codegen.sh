#!/usr/bin/env bash
# Generate the typed Python client (generated/client/) from openapi/swagger.yml.
#
#   ./codegen.sh           regenerate generated/openapi3.yml, generated/client/ and sdk/pouch/_operations.py
#   ./codegen.sh --check   regenerate into a temp dir; exit 1 if any committed output is stale
#
# Pipeline: swagger2openapi (npm, pinned in codegen/package-lock.json, run from codegen/node_modules)
#   -> codegen/postprocess_openapi3.py (error responses are application/json)
#   -> openapi-python-client (pinned below, from the venv) with codegen/config.yml, ruff post-hooks
#   -> sdk/tools/gen_operations.py (sdk/pouch/_operations.py, the SDK's plain calls over the client).
# Any generator warning fails the run unless codegen/warnings-allowlist.txt allows it (with a reason).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

OPC_VERSION="0.29.1"
VENV="${POUCH_VENV:-$ROOT/.venv}"
PY="${PYTHON:-$VENV/bin/python}"
export PATH="$VENV/bin:$PATH"   # ruff must be on PATH for the generator's post-hooks

CHECK=0
case "${1:-}" in
  --check) CHECK=1 ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

# --- tools -------------------------------------------------------------------------------
have_opc="$("$PY" -c 'import importlib.metadata as m; print(m.version("openapi-python-client"))' 2>/dev/null || true)"
if [[ "$have_opc" != "$OPC_VERSION" ]]; then
  "$PY" -m pip install --quiet "openapi-python-client==$OPC_VERSION" "ruff"
fi
if [[ ! -x codegen/node_modules/.bin/swagger2openapi ]] || \
   ! cmp -s codegen/package-lock.json codegen/node_modules/.package-lock.json.src 2>/dev/null; then
  (cd codegen && npm ci --no-audit --no-fund --ignore-scripts --silent)
  cp codegen/package-lock.json codegen/node_modules/.package-lock.json.src
fi

spec_version="$("$PY" -c 'import yaml,sys; print(yaml.safe_load(open(sys.argv[1]))["info"]["version"])' openapi/swagger.yml)"
cfg_version="$("$PY" -c 'import yaml,sys; print(yaml.safe_load(open(sys.argv[1]))["package_version_override"])' codegen/config.yml)"
if [[ "$cfg_version" != "$spec_version.0" ]]; then
  echo "codegen: codegen/config.yml package_version_override ($cfg_version) != swagger info.version ($spec_version) + .0" >&2
  exit 1
fi

# --- generate into a temp dir --------------------------------------------------------------
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

codegen/node_modules/.bin/swagger2openapi --yaml -o "$TMP/openapi3.raw.yml" openapi/swagger.yml
"$PY" codegen/postprocess_openapi3.py "$TMP/openapi3.raw.yml" "$TMP/openapi3.yml"

(cd "$TMP" && openapi-python-client generate --path "$TMP/openapi3.yml" --config "$ROOT/codegen/config.yml" \
   --meta pdm --output-path "$TMP/client" >"$TMP/generator.log" 2>&1) || {
  cat "$TMP/generator.log" >&2; echo "codegen: openapi-python-client failed" >&2; exit 1; }
if ! "$PY" codegen/check_warnings.py "$TMP/generator.log" codegen/warnings-allowlist.txt; then
  echo "codegen: full generator output: (below)" >&2; cat "$TMP/generator.log" >&2; exit 1
fi
find "$TMP/client" \( -name __pycache__ -o -name .ruff_cache \) -prune -exec rm -rf {} +

# --- compare or install --------------------------------------------------------------------
if [[ $CHECK == 1 ]]; then
  stale=0
  diff -q "$TMP/openapi3.yml" generated/openapi3.yml >/dev/null 2>&1 || { echo "codegen: generated/openapi3.yml is stale" >&2; stale=1; }
  diff -r -q -x __pycache__ -x .ruff_cache -x .pdm-build -x "*.egg-info" "$TMP/client" generated/client >&2 || { echo "codegen: generated/client is stale" >&2; stale=1; }
  if ! "$PY" sdk/tools/gen_operations.py --check --api-dir "$TMP/client/pouch_client/api" >&2; then
    echo "codegen: sdk/pouch/_operations.py is stale" >&2; stale=1
  fi
  if [[ $stale == 1 ]]; then echo "codegen: run ./codegen.sh and commit generated/ and sdk/pouch/_operations.py" >&2; exit 1; fi
  echo "codegen: generated/ and sdk/pouch/_operations.py are up to date"
  exit 0
fi

mkdir -p generated
cp "$TMP/openapi3.yml" generated/openapi3.yml
rm -rf generated/client.new && cp -r "$TMP/client" generated/client.new
if [[ -d generated/client/.pdm-build ]]; then mv generated/client/.pdm-build generated/client.new/; fi  # keep an editable install working
rm -rf generated/client && mv generated/client.new generated/client
"$PY" sdk/tools/gen_operations.py
echo "codegen: wrote generated/openapi3.yml, generated/client/ and sdk/pouch/_operations.py"
