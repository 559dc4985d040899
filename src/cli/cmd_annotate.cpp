// parley annotate and parley version.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>

#include "cli/commands.hpp"
#include "clean/clean.hpp"
#include "ingest/ingest.hpp"
#include "pipeline/pipeline.hpp"
#include "time/time.hpp"
#include "util/util.hpp"

namespace parley::cli {

void add_annotate(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("annotate", "Run the whole pipeline on files and print the annotations (no store)");
    auto paths = std::make_shared<std::vector<std::string>>();
    auto format = std::make_shared<std::string>("jsonl");
    cmd->add_option("paths", *paths, "Files or directories")->required();
    cmd->add_option("--format", *format, "jsonl")->check(CLI::IsMember({"jsonl"}))->capture_default_str();
    cmd->footer("Examples:\n  parley annotate examples/antalya-a.txt --format jsonl\n  parley annotate articles/ | jq .events");
    cmd->callback([&run, paths, format] {
        run = [paths] {
            Resources res = load_resources();
            size_t failed = 0;
            ingest_paths(
                *paths,
                [&](Document&& d) {
                    process(d, res);
                    std::cout << annotations_json(d).dump() << "\n";
                },
                [&](const IngestProblem& p) {
                    report_problem(p.where, p.reason);
                    ++failed;
                });
            return failed ? kExitInputFailed : kExitOk;
        };
    });
}

void add_version(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("version", "Print the version");
    cmd->callback([&run] {
        run = [] {
            std::cout << "parley " << PARLEY_VERSION << "\n";
            return kExitOk;
        };
    });
}

}  // namespace parley::cli
