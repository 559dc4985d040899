// parley clean: the clean stage on files, without the store.
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

void add_clean(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("clean", "Print the clean article text of files (HTML or text)");
    auto paths = std::make_shared<std::vector<std::string>>();
    auto format = std::make_shared<std::string>("text");
    cmd->add_option("paths", *paths, "Files or directories")->required();
    cmd->add_option("--format", *format, "text or jsonl")->check(CLI::IsMember({"text", "jsonl"}))->capture_default_str();
    cmd->footer("Examples:\n  parley clean page.html\n  parley clean articles/ --format jsonl");
    cmd->callback([&run, paths, format] {
        run = [paths, format] {
            size_t failed = 0;
            ingest_paths(
                *paths,
                [&](Document&& d) {
                    clean_document(d);
                    if (*format == "jsonl") {
                        nlohmann::json j = {{"doc", d.id}, {"text", d.text}, {"title", d.title},
                                            {"date", d.dct.known() ? nlohmann::json(d.dct.value) : nlohmann::json(nullptr)},
                                            {"outlet", d.outlet}, {"author", d.author}, {"removed", nlohmann::json::array()}};
                        for (auto& r : d.removed) j["removed"].push_back({{"text", r.text}, {"reason", r.reason}});
                        std::cout << j.dump() << "\n";
                    } else {
                        std::cout << d.text << "\n";
                    }
                },
                [&](const IngestProblem& p) {
                    report_problem(p.where, p.reason);
                    ++failed;
                });
            return failed ? kExitInputFailed : kExitOk;
        };
    });
}

}  // namespace parley::cli
