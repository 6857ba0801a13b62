#!/bin/sh
# Regenerate the expected outputs (<prog>.out) from GnuCOBOL, the oracle. Run from this folder
# after adding or changing a program; review the diff before committing.
set -e
tmp=$(mktemp -d)
for src in *.cbl; do
  name=${src%.cbl}
  cobc -x -I . -I copybooks -o "$tmp/$name" "$src"
  if [ -f "$name.in" ]; then "$tmp/$name" < "$name.in" > "$name.out"; else "$tmp/$name" < /dev/null > "$name.out"; fi
done
rm -rf "$tmp"
