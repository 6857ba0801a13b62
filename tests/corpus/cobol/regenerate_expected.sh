#!/bin/sh
# Regenerate the expected outputs (<prog>.out) from GnuCOBOL, the oracle. Run from this folder
# after adding or changing a program; review the diff before committing.
set -e
tmp=$(mktemp -d)
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
  if [ -f "$name.in" ]; then "$tmp/$name" < "$name.in" > "$out"; else "$tmp/$name" < /dev/null > "$out"; fi
done
rm -rf "$tmp"
