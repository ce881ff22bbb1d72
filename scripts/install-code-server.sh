#!/usr/bin/env bash
# Installs what the end-to-end tests and `npm start` need on a machine that reaches only the
# npm registry and Debian's packages: a real VS Code (code-server 4.100.3 = VS Code 1.100.3,
# which runs on Node 20) into DIR (default: .vscode-test/code-server, ignored by git), and,
# with --with-chromium (the tests' browser), Debian's Chromium when /usr/bin/chromium is
# missing. Idempotent: a second run is instant.
#
#   bash scripts/install-code-server.sh [--with-chromium] [DIR]
#
# Why the manual steps: code-server's own postinstall downloads ripgrep from GitHub (not
# reachable here), so its VS Code dependencies are installed with --ignore-scripts, the
# native modules are rebuilt from source, and Debian's ripgrep is put where VS Code looks.
# (A copy of ../shared/vscode-web/install-code-server.sh, plus Chromium.)
set -euo pipefail
cd "$(dirname "$0")/.."
WITH_CHROMIUM=0
if [ "${1:-}" = "--with-chromium" ]; then
  WITH_CHROMIUM=1
  shift
fi
DIR="${1:-.vscode-test/code-server}"
VERSION=4.100.3

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ "$WITH_CHROMIUM" = 1 ] && [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi

mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
if [ -x "$DIR/node_modules/.bin/code-server" ] && "$DIR/node_modules/.bin/code-server" --version >/dev/null 2>&1; then
  exit 0
fi
need_apt=()
command -v rg >/dev/null || need_apt+=(ripgrep)
[ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
[ -e /usr/include/X11/extensions/XKBfile.h ] || need_apt+=(libx11-dev libxkbfile-dev)
[ -e /usr/include/libsecret-1/libsecret/secret.h ] || need_apt+=(libsecret-1-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt_install "${need_apt[@]}"
fi
cd "$DIR"
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
npm install --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >/dev/null
export npm_config_yes=true
npm rebuild argon2 >/dev/null
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null
npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid >/dev/null
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null)
"$DIR/node_modules/.bin/code-server" --version
