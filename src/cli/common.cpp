#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"

namespace parley::cli {

std::string default_db() {
    if (const char* e = std::getenv("PARLEY_DB"); e && *e) return e;
    return "parley.db";
}

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

void progress(size_t done, size_t total_hint, const std::string& what) {
    if (!stderr_is_terminal()) return;
    if (total_hint)
        std::cerr << "\r" << what << " " << done << "/" << total_hint << std::flush;
    else
        std::cerr << "\r" << what << " " << done << std::flush;
}

void report_problem(const std::string& where, const std::string& reason) {
    if (stderr_is_terminal()) std::cerr << "\r\033[K";
    std::cerr << "parley: " << where << ": " << reason << "\n";
}

}  // namespace parley::cli
