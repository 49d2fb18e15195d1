#!/usr/bin/env bash
# Debian packages the tests use to verify what Liftoff generates (never needed to run Liftoff itself):
# Python with scikit-learn, FastAPI and uvicorn to serve a scaffolded app, yamllint for YAML,
# promtool (Debian prometheus) for scrape configs and alert rules, shellcheck for the shell in CI pipelines.
# Idempotent; skips what is already there. Tests that need a missing tool skip with a message.
set -euo pipefail
need=()
py_has() { /usr/bin/python3 -c "import $1" >/dev/null 2>&1; }
[ -x /usr/bin/python3 ] || need+=(python3)
py_has sklearn || need+=(python3-sklearn)
py_has pandas || need+=(python3-pandas)
py_has fastapi || need+=(python3-fastapi)
py_has uvicorn || need+=(python3-uvicorn)
py_has prometheus_client || need+=(python3-prometheus-client)
py_has onnx || need+=(python3-onnx)
command -v yamllint >/dev/null || need+=(yamllint)
command -v promtool >/dev/null || need+=(prometheus)
command -v shellcheck >/dev/null || need+=(shellcheck)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
echo "[setup] test tools ready"
