#!/usr/bin/env bash
# Builds the wheel of the Python package in a fresh virtual environment, installs it in a
# second fresh one (so the tests see what users install, not the source folder) and runs the
# tests there. Exits non-zero on the first failure.
#
#   bash python/ci.sh            # from anywhere in a clone; PYTHON=python3.12 to pick one
set -euo pipefail

# What the test environment installs besides the wheel: pytest, and Dask (with its data frames)
# for the example of python/examples and its test.
TEST_PACKAGES=(pytest "dask[dataframe,distributed]")

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
python="${PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/wenlint-python.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== the command line, which the tests compare reports with"
if [ -z "${WENLINT_BIN:-}" ]; then
    (cd "$root" && cargo build --locked --release)
fi

echo "== clippy on the binding"
(cd "$root" && cargo clippy --locked -p wenlint-python --all-targets -- -D warnings)

echo "== build the wheel"
"$python" -m venv "$work/build"
"$work/build/bin/pip" install --quiet --disable-pip-version-check maturin
(cd "$here" && "$work/build/bin/maturin" build --release --locked --out "$work/wheels")

echo "== install it in a fresh environment"
"$python" -m venv "$work/test"
"$work/test/bin/pip" install --quiet --disable-pip-version-check \
    "$work"/wheels/wenlint-*.whl "${TEST_PACKAGES[@]}"

echo "== import it"
# Outside the source folder, so that the installed package is the one imported.
cd "$work"
summary="$("$work/test/bin/python" -c \
    "import wenlint; print(wenlint.Linter().check('XX同志')['summary'])")"
echo "$summary"
expected="{'files': 1, 'errors': 1, 'warnings': 0, 'infos': 0}"
if [ "$summary" != "$expected" ]; then
    echo "expected $expected" >&2
    exit 1
fi

echo "== pytest"
"$work/test/bin/python" -m pytest "$here/tests" -q -rs -p no:cacheprovider
