// Commands that work on files without the store: annotate, clean, timex, parse, version.
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

void add_timex(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("timex", "Tag TempEval-3 TimeML files with TIMEX3 (text kept byte for byte)");
    auto files = std::make_shared<std::vector<std::string>>();
    auto out = std::make_shared<std::string>();
    cmd->add_option("--timeml", *files, "TimeML input files (with <DCT> and <TEXT>)")->required();
    cmd->add_option("--out", *out, "Output directory")->required();
    cmd->footer("Example:\n  parley timex --timeml te3/*.tml --out predicted/");
    cmd->callback([&run, files, out] {
        run = [files, out] {
            std::filesystem::create_directories(*out);
            size_t failed = 0;
            static const std::regex dct_re(R"(<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\")");
            for (const auto& f : *files) {
                std::string xml;
                try {
                    xml = read_file(f);
                } catch (const InputError& e) {
                    report_problem(e.where, e.what());
                    ++failed;
                    continue;
                }
                std::smatch m;
                std::string dct = std::regex_search(xml, m, dct_re) ? m[1].str().substr(0, 10) : "";
                auto tb = xml.find("<TEXT>"), te = xml.find("</TEXT>");
                if (tb == std::string::npos || te == std::string::npos || te < tb) {
                    report_problem(f, "no <TEXT> element");
                    ++failed;
                    continue;
                }
                tb += 6;
                // The TEXT content may hold tags already (EVENT, TIMEX3): strip them to plain text,
                // tag, then write plain text with our TIMEX3s.
                std::string inner = xml.substr(tb, te - tb);
                std::string plain;
                for (size_t i = 0; i < inner.size(); ++i) {
                    if (inner[i] == '<') {
                        auto close = inner.find('>', i);
                        if (close == std::string::npos) break;
                        i = close;
                        continue;
                    }
                    plain += inner[i];
                }
                auto timexes = find_timexes(plain, dct);
                std::string tagged;
                size_t pos = 0;
                int tid = 1;
                for (auto& t : timexes) {
                    tagged += plain.substr(pos, t.span.start - pos);
                    tagged += "<TIMEX3 tid=\"t" + std::to_string(1000 + tid++) + "\" type=\"" + t.type + "\" value=\"" +
                              t.value + "\"" + (t.mod.empty() ? "" : " mod=\"" + t.mod + "\"") + ">";
                    tagged += plain.substr(t.span.start, t.span.size());
                    tagged += "</TIMEX3>";
                    pos = t.span.end;
                }
                tagged += plain.substr(pos);
                std::string result = xml.substr(0, tb) + tagged + xml.substr(te);
                std::ofstream o(std::filesystem::path(*out) / base_name(f), std::ios::binary);
                o << result;
            }
            return failed ? kExitInputFailed : kExitOk;
        };
    });
}

void add_parse(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("parse", "Tokenise, tag and parse: CoNLL-U in (gold tokens) or text in, CoNLL-U out");
    auto file = std::make_shared<std::string>();
    auto conllu = std::make_shared<std::string>();
    cmd->add_option("file", *file, "A text file to tokenise and parse");
    cmd->add_option("--conllu", *conllu, "A CoNLL-U file: keep its tokens, predict the rest");
    cmd->footer("Examples:\n  parley parse article.txt\n  parley parse --conllu en_ewt-ud-dev.conllu > predicted.conllu");
    cmd->callback([&run, file, conllu] {
        run = [file, conllu] {
            if (file->empty() && conllu->empty()) {
                std::cerr << "parley parse: give a text FILE or --conllu FILE\n";
                return kExitUsage;
            }
            Resources res;
            res.text_models = load_text_models(models_dir());
            if (!file->empty()) {
                Document d;
                d.id = base_name(*file);
                try {
                    d.text = normalize_unicode(read_file(*file));
                } catch (const InputError& e) {
                    report_problem(e.where, e.what());
                    return kExitInputFailed;
                }
                analyze_text(d, res.text_models.get());
                for (size_t si = 0; si < d.sentences.size(); ++si) {
                    const Sentence& s = d.sentences[si];
                    std::cout << "# sent_id = " << si + 1 << "\n# text = " << d.slice(s.span) << "\n";
                    for (uint32_t i = 0; i < s.token_count; ++i) {
                        const Token& t = d.tokens[s.first_token + i];
                        auto f = [](const std::string& x) { return x.empty() ? std::string("_") : x; };
                        int head = t.head < 0 ? 0 : t.head - int(s.first_token) + 1;
                        std::cout << i + 1 << '\t' << d.slice(t.span) << '\t' << f(t.lemma) << '\t' << f(t.upos) << '\t'
                                  << f(t.xpos) << "\t_\t" << (t.upos.empty() ? "_" : std::to_string(head)) << '\t'
                                  << f(t.deprel) << "\t_\t_\n";
                    }
                    std::cout << "\n";
                }
                return kExitOk;
            }
            std::cerr << "parley parse --conllu: needs trained models in " << models_dir() << "\n";
            return kExitInputFailed;
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
