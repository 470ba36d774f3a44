#!/usr/bin/env bash
# Add the built one-folder app to the desktop's application menu, for the current user only.
#
#   packaging/install-desktop-entry.sh [EXECUTABLE]     install (default: the onedir build)
#   packaging/install-desktop-entry.sh --uninstall      remove what install added
#
# Copies resources/audience-desktop.desktop (Exec pointing at EXECUTABLE, an absolute path),
# the AppStream metainfo and the icons (hicolor PNG sizes and the SVG) under
# ${XDG_DATA_HOME:-~/.local/share}. Nothing outside that folder is touched; no root needed.
# Move the build later? Run this again.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
resources="$root/resources"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
app=audience-desktop
metainfo=io.github.audience_desktop.metainfo.xml
sizes=(16 24 32 48 64 128 256 512)

refresh_caches() {
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$data/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null && [ -f "$data/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$data/icons/hicolor" || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -f "$data/applications/$app.desktop" "$data/metainfo/$metainfo" \
        "$data/icons/hicolor/scalable/apps/$app.svg"
  for n in "${sizes[@]}"; do rm -f "$data/icons/hicolor/${n}x${n}/apps/$app.png"; done
  refresh_caches
  echo "install-desktop-entry: removed $app from $data"
  exit 0
fi

exe="${1:-$root/dist/onedir/$app/$app}"
if [ ! -x "$exe" ]; then
  echo "install-desktop-entry: $exe is not an executable; build it first: python packaging/build.py" >&2
  exit 1
fi
exe=$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")
case "$exe" in
  *[\"\`\$\\]*) echo "install-desktop-entry: move the app to a path without \" \` \$ or \\" >&2; exit 1 ;;
esac

mkdir -p "$data/applications" "$data/metainfo" "$data/icons/hicolor/scalable/apps"
# Exec and TryExec: the absolute path, quoted (the Desktop Entry spec allows spaces so)
sed -e "s|^Exec=.*|Exec=\"$exe\"|" -e "/^Exec=/a TryExec=$exe" \
  "$resources/$app.desktop" > "$data/applications/$app.desktop.tmp"
mv "$data/applications/$app.desktop.tmp" "$data/applications/$app.desktop"
chmod 644 "$data/applications/$app.desktop"
install -m 644 "$resources/$metainfo" "$data/metainfo/$metainfo"
install -m 644 "$resources/$app.svg" "$data/icons/hicolor/scalable/apps/$app.svg"
for n in "${sizes[@]}"; do
  install -D -m 644 "$resources/icons/${n}x${n}/$app.png" "$data/icons/hicolor/${n}x${n}/apps/$app.png"
done
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$data/applications/$app.desktop"
fi
refresh_caches
echo "install-desktop-entry: $app -> $exe (entries under $data)"
