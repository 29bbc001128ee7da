#!/usr/bin/env bash
# Debian packages the full test suite needs beyond PyPI: Chromium for the browser tests
# (Playwright drives /usr/bin/chromium; its own browser download is not used), Tesseract with
# English data and Ghostscript for the OCR tests, LibreOffice (Writer, headless) and poppler-utils for
# the Word counter-proposal tests. Installs only what is missing; needs root or sudo.
# Another apt or dpkg process (unattended upgrades, a second `make test`) holding the package
# manager's lock is waited for, up to APT_LOCK_WAIT seconds (default 600), with a line saying so.
set -euo pipefail

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
APT_LOCK_WAIT="${APT_LOCK_WAIT:-600}"
APT_LOCK_POLL="${APT_LOCK_POLL:-5}"

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx eng \
    || missing+=(tesseract-ocr tesseract-ocr-eng)
command -v gs >/dev/null || missing+=(ghostscript)
# the Word counter-proposal is converted by LibreOffice and a page rendered by pdftoppm (tests/test_propose.py)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
    echo "clausecheck tests need: ${missing[*]} (Debian package names); install them with your package manager" >&2
    exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# Run an apt-get command; while it fails because another process holds the lock, wait and retry.
apt_waiting() {
    local waited=0 err
    err="$(mktemp)"
    while true; do
        if $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@" 2>"$err"; then
            rm -f "$err"
            return 0
        fi
        if grep -qiE "could not get lock|is held by|unable to acquire the dpkg frontend lock|unable to lock" "$err" \
                && [ "$waited" -lt "$APT_LOCK_WAIT" ]; then
            echo "waiting for another package manager process to release its lock (${waited}s of ${APT_LOCK_WAIT}s)" >&2
            sleep "$APT_LOCK_POLL"
            waited=$((waited + APT_LOCK_POLL))
            continue
        fi
        cat "$err" >&2
        rm -f "$err"
        return 1
    done
}

echo "installing Debian packages: ${missing[*]}" >&2
apt_waiting update -qq
apt_waiting install -y -qq --no-install-recommends "${missing[@]}"
