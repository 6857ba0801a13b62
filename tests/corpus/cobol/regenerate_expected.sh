#!/bin/sh
# Regenerate the expected outputs (<prog>.out) from GnuCOBOL, the oracle. Run from this folder
# after adding or changing a program; review the diff before committing.
# Programs with files run in an empty folder holding <prog>.files/in/*; the files they create or
# change there are saved as <prog>.files/out/*.
set -e
# The clock the verifier pins (intheflow.transpile.verify.run.PINNED_CLOCK), so ACCEPT FROM DATE
# and FUNCTION CURRENT-DATE give the saved output.
export COB_CURRENT_DATE="${COB_CURRENT_DATE:-2024/03/15 10:20:30.45+0000}"
tmp=$(mktemp -d)
here=$(pwd)
for src in *.cbl; do
  name=${src%.cbl}
  # Called programs (PROCEDURE DIVISION USING) are compiled with their caller, as cobc links
  # static CALLs: CALL "NAME" takes NAME.cbl from this folder.
  grep -q "PROCEDURE DIVISION USING" "$src" && continue
  called=$(grep -o 'CALL "[A-Z0-9-]*"' "$src" | sed 's/CALL "\(.*\)"/\1.cbl/' | sort -u |
    while read -r f; do [ -f "$f" ] && echo "$f"; done)
  cobc -x -I . -I copybooks -o "$tmp/$name" "$src" $called
  # Programs listed in DEVIATIONS.md keep the standard result in .out; GnuCOBOL's goes aside.
  out="$name.out"; [ -f "$name.gnucobol.out" ] && out="$name.gnucobol.out"
  stdin=/dev/null; [ -f "$name.in" ] && stdin="$here/$name.in"
  run="$tmp/run-$name"; mkdir "$run"
  if [ -d "$name.files/in" ]; then cp "$name.files/in/"* "$run/"; fi
  (cd "$run" && "$tmp/$name" < "$stdin" > "$here/$out")
  if [ -d "$name.files" ]; then
    rm -rf "$name.files/out"; mkdir -p "$name.files/out"
    for f in "$run"/*; do
      [ -f "$f" ] || continue
      base=$(basename "$f")
      if [ -f "$name.files/in/$base" ] && cmp -s "$f" "$name.files/in/$base"; then continue; fi
      cp "$f" "$name.files/out/$base"
    done
  fi
done
rm -rf "$tmp"
