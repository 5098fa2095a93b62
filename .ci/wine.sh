# Wine for the Windows checks, sourced by .ci/windows, .ci/build-windows and
# .ci/windows-installer-check:
#   use_prefix FOLDER   make (if needed) and start a Wine prefix; later Wine calls use it
#   wrun PROGRAM ARGS   run a Windows program, its output piped to ours (Wine hands a Windows
#                       program a pipe but not a redirected file as standard output), CRs dropped
#   win PATH            a Linux path as Windows sees it (Z:\...)
#   end_prefix          stop what still runs in the prefix (for an exit trap)

wine=$(command -v wine64 || command -v wine || true)
[ -z "$wine" ] && [ -x /usr/lib/wine/wine64 ] && wine=/usr/lib/wine/wine64
if [ -z "$wine" ]; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        echo "windows: installing Debian's wine64"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wine64 >/dev/null
        wine=$(command -v wine64 || echo /usr/lib/wine/wine64)
    else
        echo "windows: Wine is missing (apt-get install wine64, as root)" >&2; exit 1
    fi
fi
wineserver=$(command -v wineserver || echo "$(dirname "$(readlink -f "$wine")")/wineserver")
export WINEDEBUG=-all WINEARCH=win64
# No Mono or Gecko prompts, and no menus or file types on the Linux desktop from Windows shortcuts.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

use_prefix() {
    export WINEPREFIX=$1
    # Wine's own background processes (services, explorer) start here, with no output to hold:
    # a pipe they inherited would stay open after the program it was meant for had ended.
    # Each script has a prefix of its own: a prefix shared with a run still going would keep them.
    "$wine" wineboot --init </dev/null >/dev/null 2>&1 || true
    # Wine links Desktop, Documents and the like to the Linux home: make them the prefix's own,
    # so what a Windows program puts there (a desktop shortcut) stays inside the prefix.
    local link
    for link in "$WINEPREFIX"/drive_c/users/*/*; do
        if [ -L "$link" ]; then rm "$link" && mkdir "$link"; fi
    done
}

end_prefix() {
    [ -n "${WINEPREFIX:-}" ] && "$wineserver" -k 2>/dev/null || true
}

wrun() {
    "$wine" "$@" </dev/null 2>&1 | tr -d '\r'
    return "${PIPESTATUS[0]}"
}

win() { local p; p=$(readlink -m "$1"); printf 'Z:%s' "${p//\//\\}"; }
