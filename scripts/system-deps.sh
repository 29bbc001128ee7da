#!/usr/bin/env bash
# Debian packages the full test suite needs beyond PyPI: Chromium for the browser tests
# (Playwright drives /usr/bin/chromium; its own browser download is not used), Tesseract with
# English data and Ghostscript for the OCR tests, LibreOffice (Writer, headless) and poppler-utils for
# the Word counter-proposal tests. Installs only what is missing; needs root or sudo.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
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
echo "installing Debian packages: ${missing[*]}" >&2
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
