#!/bin/sh
# Make VLC 3 itself read a playlist and save it again, with no window:
# VLC loads its media library from ml.xspf at start-up and saves it back at exit
# through its own XSPF writer (modules/misc/playlist/xspf.c). Whatever VLC
# understood of the playlist (artist and title split, options, durations) is
# what it writes.
#   sh vlc-save.sh IN_PLAYLIST OUT.xspf      (VLC refuses to run as root: run it as a user)
set -eu
in=$1; out=$2
home=$(mktemp -d)
mkdir -p "$home/.local/share/vlc"
cp "$in" "$home/.local/share/vlc/ml.xspf"
HOME=$home cvlc -I dummy --media-library vlc://quit >/dev/null 2>&1 || true
cp "$home/.local/share/vlc/ml.xspf" "$out"
rm -rf "$home"
