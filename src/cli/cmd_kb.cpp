// parley kb build: compile the knowledge base's TSV sources into the binary kb.bin.
#include <chrono>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "entities/entities.hpp"
#include "util/util.hpp"

namespace parley::cli {

void add_kb(CLI::App& app, Runner& run) {
    auto* kb = app.add_subcommand("kb", "Knowledge-base maintenance");
    kb->require_subcommand(1);
    auto* build = kb->add_subcommand(
        "build", "Compile data/kb/*.tsv and data/entities/*.tsv into kb.bin (run after editing them)");
    auto dir = std::make_shared<std::string>(data_dir() + "/kb");
    auto out = std::make_shared<std::string>();
    build->add_option("--dir", *dir, "Folder with the KB's TSV files")->capture_default_str();
    build->add_option("--out", *out, "Output file (default: DIR/kb.bin)");
    build->footer("Example:\n  parley kb build            # rewrites data/kb/kb.bin");
    build->callback([&run, dir, out] {
        run = [dir, out] {
            const std::string target = out->empty() ? *dir + "/kb.bin" : *out;
            auto t0 = std::chrono::steady_clock::now();
            try {
                compile_kb(*dir, target);
            } catch (const std::exception& e) {
                report_problem(target, e.what());
                return kExitInputFailed;
            }
            double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::cerr << fmt::format("kb build: wrote {} (sources {}) in {:.2f} s\n", target,
                                     kb_binary_checksum(target), s);
            return kExitOk;
        };
    });
}

}  // namespace parley::cli
