// parley timex: TempEval-3 TimeML in, TIMEX3-tagged TimeML out.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>

#include "cli/commands.hpp"
#include "clean/clean.hpp"
#include "ingest/ingest.hpp"
#include "pipeline/pipeline.hpp"
#include "text/text.hpp"
#include "time/time.hpp"
#include "util/util.hpp"

namespace parley::cli {

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
            // Penn tags, when the text stage's models are installed, give the tense that
            // directs "Thursday" to the previous or the next one; without them cue words do.
            auto models = load_text_models(models_dir());
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
                Document doc;
                doc.id = base_name(f);
                doc.text = plain;
                if (models) analyze_text(doc, models.get());
                auto timexes = find_timexes(plain, dct, doc.tokens);
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

}  // namespace parley::cli
