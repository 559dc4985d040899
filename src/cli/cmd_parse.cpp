// parley parse and parley train: the linguistic core from the command line.
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

void add_train(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("train", "Train the tagger or parser from CoNLL-U (models ship under models/)");
    cmd->callback([&run] {
        run = [] {
            std::cerr << "parley train: not available in this build yet\n";
            return kExitUsage;
        };
    });
}

}  // namespace parley::cli
