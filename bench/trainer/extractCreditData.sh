#!/usr/bin/env bash
# Writes modeldata::credit_data (4,454 credit applications, outcome Status good/bad; MIT licence)
# as CSV, from Debian's r-cran-modeldata package. Empty cells are missing values.
# Usage: bash bench/trainer/extractCreditData.sh OUT.csv
# Needs: apt-get install -y --no-install-recommends r-cran-modeldata
set -euo pipefail
out="${1:?usage: extractCreditData.sh OUT.csv}"
Rscript -e 'data(credit_data, package = "modeldata"); write.csv(credit_data, commandArgs(TRUE)[1], row.names = FALSE, na = "")' "$out"
echo "wrote $out ($(($(wc -l < "$out") - 1)) rows)"
