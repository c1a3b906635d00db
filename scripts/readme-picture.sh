#!/usr/bin/env bash
# Draws docs/annotate.png, the picture in README.md's "For Word and WPS users": the draft
# fixtures/annotate/notice.docx commented by `wenlint annotate`, as LibreOffice Writer shows it
# with the comments in the right margin, exported to PDF and turned into a PNG by pdftoppm.
#
#   scripts/readme-picture.sh [WENLINT]    # WENLINT defaults to target/release/wenlint
#
# Needs these Debian packages (it installs nothing itself):
#   libreoffice-writer   Writer with a window system plugin. Comments go in the margin only in a
#                        document window; the headless -nogui packages cannot do it.
#   python3-uno          to drive LibreOffice from /usr/bin/python3
#   xvfb                 a virtual X display for that window
#   poppler-utils        pdftotext (to find the printed area) and pdftoppm
#   fonts-wqy-microhei   a Chinese font (fonts-noto-cjk does as well)
#
# Writer lays the page out with "Comments: Place in margins" (the print setting
# org.openoffice.Office.Writer/Print/Content/Note = 4, set in a throwaway profile), which the PDF
# export of a visible document follows. The PNG is cropped to what is printed on page 1.
set -euo pipefail
cd "$(dirname "$0")/.."

wenlint=$(realpath -m "${1:-target/release/wenlint}")
draft=$PWD/fixtures/annotate/notice.docx
out=$PWD/docs/annotate.png
resolution=180 # pixels per inch: page 1's printed area comes out about 1300 pixels wide

missing=()
need() { command -v "$1" >/dev/null || missing+=("$1 (package $2)"); }
need soffice libreoffice-writer
need Xvfb xvfb
need pdftoppm poppler-utils
need pdftotext poppler-utils
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import uno' 2>/dev/null ||
  missing+=("the Python module uno for /usr/bin/python3 (package python3-uno)")
compgen -G '/usr/lib/libreoffice/program/libvclplug_[gk]*.so' >/dev/null ||
  missing+=("LibreOffice with a window (package libreoffice-writer, not libreoffice-writer-nogui)")
[ -n "$(fc-list :lang=zh family 2>/dev/null)" ] ||
  missing+=("a Chinese font (package fonts-wqy-microhei or fonts-noto-cjk)")
[ -x "$wenlint" ] || missing+=("the wenlint binary $wenlint (cargo build --release)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "readme-picture.sh: missing:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  exit 2
fi

work=$(mktemp -d)
xvfb_pid=
office_pid=
cleanup() {
  [ -n "$office_pid" ] && kill "$office_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Exit 1 is expected: the draft has findings.
status=0
"$wenlint" annotate "$draft" -o "$work/notice.wenlint.docx" || status=$?
[ "$status" -le 1 ] || exit "$status"

mkdir -p "$work/profile/user"
cat >"$work/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Writer/Print/Content"><prop oor:name="Note" oor:op="fuse"><value>4</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="ShowTipOfTheDay" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
XCU

# A display of its own: Xvfb writes the number it found free.
Xvfb -displayfd 3 -screen 0 1600x1200x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { echo "readme-picture.sh: Xvfb did not start:" >&2; cat "$work/xvfb.log" >&2; exit 1; }

pipe=wenlint-picture-$$
DISPLAY=:$(cat "$work/display") soffice -env:UserInstallation="file://$work/profile" \
  --norestore --nologo --nodefault --accept="pipe,name=$pipe;urp;" >"$work/office.log" 2>&1 &
office_pid=$!

PIPE=$pipe timeout 180 /usr/bin/python3 - "$work/notice.wenlint.docx" "$work/notice.pdf" <<'PY'
import os, sys, time
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(120):
    try:
        ctx = resolver.resolve(f"uno:pipe,name={os.environ['PIPE']};urp;StarOffice.ComponentContext")
        break
    except NoConnectException:
        time.sleep(0.5)
else:
    sys.exit("readme-picture.sh: LibreOffice did not answer")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
# Visible: the comments' margin is laid out by a document window.
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(sys.argv[1]), "_blank", 0, (prop("Hidden", False),))
if doc is None:
    sys.exit("readme-picture.sh: LibreOffice could not open " + sys.argv[1])
time.sleep(2)
doc.storeToURL(uno.systemPathToFileUrl(sys.argv[2]), (prop("FilterName", "writer_pdf_Export"),))
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass  # the connection may close before the answer comes
PY
wait "$office_pid" 2>/dev/null || true
office_pid=

# The printed area of page 1 (text and comments), in points, with a margin of 12 points.
read -r x0 y0 x1 y1 < <(pdftotext -f 1 -l 1 -bbox "$work/notice.pdf" - |
  sed -nE 's/.*<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)".*/\1 \2 \3 \4/p' |
  awk 'n++ == 0 { a = $1; b = $2; c = $3; d = $4 }
       { if ($1 < a) a = $1; if ($2 < b) b = $2; if ($3 > c) c = $3; if ($4 > d) d = $4 }
       END { if (n) printf "%d %d %d %d\n", a - 12, b - 12, c + 12, d + 12 }') || true
[ -n "${y1:-}" ] || { echo "readme-picture.sh: no text on page 1 of the PDF" >&2; exit 1; }
px() { echo $(($1 * resolution / 72)); }

mkdir -p docs
pdftoppm -png -singlefile -r "$resolution" -f 1 -l 1 \
  -x "$(px "$x0")" -y "$(px "$y0")" -W "$(px $((x1 - x0)))" -H "$(px $((y1 - y0)))" \
  "$work/notice.pdf" "${out%.png}"
echo "wrote ${out#"$PWD"/}: $(px $((x1 - x0)))x$(px $((y1 - y0))) pixels, $(($(stat -c %s "$out") / 1024)) KB"
