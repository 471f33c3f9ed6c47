#!/usr/bin/env bash
# Refresh the browser assets baap-kg serves itself (no page loads anything from another origin).
# Each package is taken from the npm registry at the pinned version, with its licence.
#   scripts/vendor.sh            # fetch the pinned versions into service/static/vendor/
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=service/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# name  version  files to keep (relative to the package folder; a path under scripts/licenses/
# for a package whose tarball ships no licence file)
vendor() {
  local name=$1 version=$2; shift 2
  (cd "$WORK" && npm pack --silent "$name@$version" >/dev/null && mkdir -p "$name" && tar xzf ./*"${name##*/}"-"$version".tgz -C "$name" && rm ./*.tgz)
  rm -rf "${DEST:?}/$name"
  mkdir -p "$DEST/$name"
  for file in "$@"; do
    case $file in
      scripts/licenses/*) cp "$file" "$DEST/$name/LICENSE" ;;
      *) cp "$WORK/$name/package/$file" "$DEST/$name/" ;;
    esac
  done
  printf '%s@%s from the npm registry; see LICENSE in this folder.\n' "$name" "$version" > "$DEST/$name/VERSION"
}

vendor swagger-ui-dist 5.35.0 swagger-ui-bundle.js swagger-ui.css favicon-32x32.png LICENSE NOTICE
# The SPARQL editor and result viewer of /query. The tarball has no LICENSE: the MIT text of its
# repository (github.com/rdfjs/Yasgui, LICENSE) is kept in scripts/licenses/.
vendor @zazuko/yasgui 4.6.2 build/yasgui.min.js build/yasgui.min.css scripts/licenses/yasgui-LICENSE
# Accessibility checks of the browser tests (tests/browser/); never loaded by a page.
vendor axe-core 4.14.1 axe.min.js LICENSE
# The source-map comment would point at a file we do not ship.
sed -i '$ s|^//# sourceMappingURL=.*$||' "$DEST/@zazuko/yasgui/yasgui.min.js"
echo "vendored into $DEST:"; ls -R "$DEST"
