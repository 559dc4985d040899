// parley clean: the clean stage on files, without the store.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "clean/clean.hpp"
#include "ingest/ingest.hpp"
#include "util/util.hpp"

namespace parley::cli {

namespace {

// Documents are cleaned in batches so that lines repeated across a site's pages count as
// evidence of boilerplate, while memory stays bounded on large inputs.
constexpr size_t kBatch = 256;

void print_doc(const Document& d, const std::string& format) {
    if (format == "jsonl") {
        nlohmann::json j = {{"doc", d.id},
                            {"text", d.text},
                            {"title", d.title},
                            {"date", d.dct.known() ? nlohmann::json(d.dct.value) : nlohmann::json(nullptr)},
                            {"outlet", d.outlet},
                            {"author", d.author},
                            {"removed", nlohmann::json::array()}};
        for (auto& r : d.removed) j["removed"].push_back({{"text", r.text}, {"reason", r.reason}});
        if (!d.date_signals.empty()) j["date_signals"] = d.date_signals;
        if (!d.fragments.empty()) {
            j["fragments"] = nlohmann::json::array();
            for (auto& f : d.fragments)
                j["fragments"].push_back({{"start", f.span.start}, {"end", f.span.end},
                                          {"script", f.script}, {"latin", f.latin}});
        }
        std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        if (!d.title.empty()) std::cout << d.title << "\n\n";
        std::cout << d.text << "\n";
    }
}

void explain(const std::vector<Document>& docs) {
    std::vector<Document> text_docs;
    for (const Document& d : docs)
        if (d.format != "html") text_docs.push_back(d);
    auto all = explain_text_lines(text_docs);
    for (size_t i = 0; i < text_docs.size(); ++i) {
        for (const LineDecision& l : all[i]) {
            nlohmann::json f = nlohmann::json::object();
            for (auto& [n, x] : l.features) f[n] = x;
            nlohmann::json j = {{"doc", text_docs[i].id}, {"line", l.line}, {"text", l.text},
                                {"label", l.label}, {"score", l.score}, {"features", f}};
            std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        }
    }
}

}  // namespace

void add_clean(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("clean", "Print the clean article text of files (HTML or text)");
    auto paths = std::make_shared<std::vector<std::string>>();
    auto format = std::make_shared<std::string>("text");
    auto explain_lines = std::make_shared<bool>(false);
    cmd->add_option("paths", *paths, "Files or directories")->required();
    cmd->add_option("--format", *format, "text or jsonl")->check(CLI::IsMember({"text", "jsonl"}))->capture_default_str();
    cmd->add_flag("--explain", *explain_lines,
                  "For plain-text inputs, print one JSON line per input line with its features and label");
    cmd->footer("Examples:\n  parley clean page.html\n  parley clean articles/ --format jsonl\n"
                "  parley clean articles/ --explain");
    cmd->callback([&run, paths, format, explain_lines] {
        run = [paths, format, explain_lines] {
            size_t failed = 0;
            std::vector<Document> batch;
            auto flush = [&] {
                if (*explain_lines) {
                    explain(batch);
                } else {
                    clean_documents(batch);
                    for (const Document& d : batch) print_doc(d, *format);
                }
                batch.clear();
            };
            ingest_paths(
                *paths,
                [&](Document&& d) {
                    batch.push_back(std::move(d));
                    if (batch.size() >= kBatch) flush();
                },
                [&](const IngestProblem& p) {
                    report_problem(p.where, p.reason);
                    ++failed;
                });
            flush();
            return failed ? kExitInputFailed : kExitOk;
        };
    });
}

}  // namespace parley::cli
