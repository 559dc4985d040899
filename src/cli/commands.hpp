// The parley command line: one file per subcommand, each registering itself on the app.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace parley::cli {

// Exit status: 0 = fine, 1 = some input failed (the rest was processed), 2 = usage error.
constexpr int kExitOk = 0;
constexpr int kExitInputFailed = 1;
constexpr int kExitUsage = 2;

// Each subcommand sets `run` to the function that executes it after parsing.
using Runner = std::function<int()>;

void add_ingest(CLI::App& app, Runner& run);
void add_docs(CLI::App& app, Runner& run);
void add_show(CLI::App& app, Runner& run);
void add_annotate(CLI::App& app, Runner& run);
void add_timeline(CLI::App& app, Runner& run);
void add_rebuild(CLI::App& app, Runner& run);
void add_events(CLI::App& app, Runner& run);
void add_clean(CLI::App& app, Runner& run);
void add_timex(CLI::App& app, Runner& run);
void add_parse(CLI::App& app, Runner& run);
void add_train(CLI::App& app, Runner& run);
void add_version(CLI::App& app, Runner& run);
void add_kb(CLI::App& app, Runner& run);

// Shared helpers
std::string default_db();
bool stderr_is_terminal();
void progress(size_t done, size_t total_hint, const std::string& what);
void report_problem(const std::string& where, const std::string& reason);

}  // namespace parley::cli
