# Shared by the fake FreeBSD tools (sourced). The tests put this directory first on PATH.
#   WB_FAKE_LOG  file that gets one line per call: the tool name and its argv
#   WB_FAKE_DIR  scenario directory: files there change what the fakes print or return
: "${WB_FAKE_LOG:?WB_FAKE_LOG must name the fake tools call log}"
: "${WB_FAKE_DIR:?WB_FAKE_DIR must name the fake tools scenario directory}"
record() {
    printf '%s\n' "$*" >>"$WB_FAKE_LOG"
}
