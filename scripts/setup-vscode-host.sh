#!/usr/bin/env bash
# Installs the real VS Code that the integration and UI tests run in, using only the npm registry and
# Debian's apt repositories: code-server (VS Code 1.100.3's server + web workbench) and playwright-core,
# driving Debian's headless chromium. Idempotent: exits at once when $VSCODE_HOST_DIR/.ready names the
# wanted version. Takes about 100 s and 325 MB the first time (plus apt).
#
#   VSCODE_HOST_DIR      install folder (default: <repo>/.vscode-test/code-server-host, git-ignored)
#   CODE_SERVER_VERSION  default 4.100.3: the last code-server on Node 20, and VS Code 1.100 matches
#                        our engines.vscode (^1.100.0); a newer engine would not load the extension.
#   SKIP_APT=1           do not try apt-get (the packages are installed some other way)
#
# Why not `npm install code-server` in package.json: its postinstall refuses to run as root, then
# downloads ripgrep from GitHub, so `npm ci` would fail offline. Instead: install with --ignore-scripts,
# rebuild the native modules with `npm rebuild`, use Debian's ripgrep, and do the rest of code-server's
# postinstall by hand.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1.65.1}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${VSCODE_HOST_DIR:-$REPO/.vscode-test/code-server-host}"
NPM_FLAGS=(--no-audit --no-fund --loglevel=error)
# node-gyp would download Node's headers from nodejs.org for the native rebuilds; use the installed ones.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ] && ! npm config get nodedir 2>/dev/null | grep -q /; then
  export npm_config_nodedir=/usr
fi

if [ -f "$DIR/.ready" ] && [ "$(cat "$DIR/.ready")" = "$CODE_SERVER_VERSION" ]; then
  echo "[setup] VS Code host already installed in $DIR"
  exit 0
fi

SECONDS=0
# 1. Debian packages: chromium (the workbench client), ripgrep (instead of @vscode/ripgrep's download),
#    libkrb5-dev (headers for the 'kerberos' native module). node, python3, make and g++ are assumed.
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
if [ ${#need[@]} -gt 0 ] && [ -z "${SKIP_APT:-}" ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "[setup] apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
echo "[setup] apt done at ${SECONDS}s"

# 2. code-server and playwright-core, without install scripts. A half-finished earlier run is redone.
rm -f "$DIR/.ready"
mkdir -p "$DIR"
cd "$DIR"
[ -f package.json ] || echo '{"name":"liftoff-vscode-host","private":true}' > package.json
npm install "${NPM_FLAGS[@]}" --ignore-scripts --no-save \
  "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"
npm rebuild "${NPM_FLAGS[@]}" argon2   # the prebuilt download fails offline; node-pre-gyp builds it
echo "[setup] code-server package done at ${SECONDS}s"

# 3. What code-server's postinstall.sh would do.
cd "$DIR/node_modules/code-server/lib/vscode"
npm install "${NPM_FLAGS[@]}" --omit=dev --ignore-scripts
npm_config_yes=true npm rebuild "${NPM_FLAGS[@]}" \
  @parcel/watcher @vscode/deviceid @vscode/spdlog kerberos native-watchdog node-pty
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install "${NPM_FLAGS[@]}" --omit=dev)
echo "[setup] VS Code server dependencies done at ${SECONDS}s"

# 4. Smoke check, with code-server's config and state kept inside $DIR (never ~/.config).
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$DIR/smoke-config.yaml"
XDG_DATA_HOME="$DIR/.xdg" XDG_CONFIG_HOME="$DIR/.xdg" \
  node "$DIR/node_modules/code-server/out/node/entry.js" --config "$DIR/smoke-config.yaml" --version
node -e 'for (const m of ["@vscode/spdlog", "node-pty", "native-watchdog", "@parcel/watcher", "kerberos"]) require(process.argv[1] + "/" + m)' \
  "$DIR/node_modules/code-server/lib/vscode/node_modules"
command -v chromium >/dev/null || { echo "[setup] chromium is missing (apt package 'chromium')" >&2; exit 1; }
echo "$CODE_SERVER_VERSION" > "$DIR/.ready"
echo "[setup] VS Code host ready in $DIR after ${SECONDS}s"
