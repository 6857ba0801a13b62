#!/usr/bin/env bash
# Installs code-server 4.100.3 (the last release for Node 20) for the browser end-to-end test into
# $INTHEFLOW_CODE_SERVER_DIR (default: the user cache, so a fresh clone or CI run on the same
# machine reuses it; a new machine installs it again), without the internet downloads its own postinstall would make:
#  - npm scripts are skipped at first, then native modules are rebuilt from source (node-gyp),
#  - @vscode/ripgrep gets Debian's /usr/bin/rg instead of a GitHub download,
#  - the rest of code-server's postinstall.sh (asar link, bin links, built-in extensions) is
#    replayed here.
# Needs Debian: ripgrep, libkrb5-dev, libsecret-1-dev, libxkbfile-dev (Makefile APT_PACKAGES).
set -euo pipefail
VERSION=4.100.3
DEST="${INTHEFLOW_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/intheflow/code-server-$VERSION}"
STAMP="$DEST/.installed-$VERSION"
[ -f "$STAMP" ] && exit 0
command -v rg >/dev/null || { echo "ripgrep (Debian package) is required" >&2; exit 3; }
export npm_config_yes=true npm_config_build_from_source=true npm_config_audit=false npm_config_fund=false
mkdir -p "$DEST"
cd "$DEST"
[ -f package.json ] || echo '{"private": true}' > package.json
echo "code-server: installing $VERSION (scripts off)…"
npm install --ignore-scripts --loglevel=error "code-server@$VERSION"
npm rebuild --loglevel=error argon2
VS="$DEST/node_modules/code-server/lib/vscode"
cd "$VS"
npm install --omit=dev --ignore-scripts --loglevel=error
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
echo "code-server: building native modules from source (a few minutes)…"
npm rebuild --loglevel=error
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --loglevel=error)
touch "$STAMP"
echo "code-server: ready in $DEST"
