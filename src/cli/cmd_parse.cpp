// parley parse and parley train: the linguistic core from the command line.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "clean/clean.hpp"
#include "text/learn.hpp"
#include "text/text.hpp"
#include "util/util.hpp"

namespace parley::cli {
namespace {

void print_document(const Document& d) {
    for (size_t si = 0; si < d.sentences.size(); ++si) {
        const Sentence& s = d.sentences[si];
        std::cout << "# sent_id = " << si + 1 << "\n# text = " << d.slice(s.span) << "\n";
        for (uint32_t i = 0; i < s.token_count; ++i) {
            const Token& t = d.tokens[s.first_token + i];
            auto f = [](const std::string& x) { return x.empty() ? std::string("_") : x; };
            int head = t.head < 0 ? 0 : t.head - int(s.first_token) + 1;
            bool space_after = s.first_token + i + 1 < d.tokens.size() &&
                               d.tokens[s.first_token + i + 1].span.start == t.span.end;
            std::cout << i + 1 << '\t' << d.slice(t.span) << '\t' << f(t.lemma) << '\t' << f(t.upos) << '\t'
                      << f(t.xpos) << "\t_\t" << (t.deprel.empty() ? "_" : std::to_string(head)) << '\t'
                      << f(t.deprel) << "\t_\t" << (space_after ? "SpaceAfter=No" : "_") << "\n";
        }
        std::cout << "\n";
    }
}

}  // namespace

void add_parse(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("parse", "Tokenise, tag and parse: CoNLL-U in (gold tokens) or text in, CoNLL-U out");
    auto file = std::make_shared<std::string>();
    auto conllu = std::make_shared<std::string>();
    auto models = std::make_shared<std::string>();
    auto eval = std::make_shared<bool>(false);
    cmd->add_option("file", *file, "A text file to tokenise and parse");
    cmd->add_option("--conllu", *conllu, "A CoNLL-U file: keep its word lines, predict tags, lemmas and trees");
    cmd->add_option("--models", *models, "Model directory (default: models/)");
    cmd->add_flag("--eval", *eval, "With --conllu: also print UPOS/XPOS/lemma/UAS/LAS against the file's own columns to stderr");
    cmd->footer(
        "Examples:\n  parley parse article.txt\n  parley parse --conllu en_ewt-ud-dev.conllu --eval > predicted.conllu");
    cmd->callback([&run, file, conllu, models, eval] {
        run = [file, conllu, models, eval] {
            if (file->empty() && conllu->empty()) {
                std::cerr << "parley parse: give a text FILE or --conllu FILE\n";
                return kExitUsage;
            }
            std::string dir = models->empty() ? models_dir() : *models;
            std::shared_ptr<const TextModels> tm;
            try {
                tm = load_text_models(dir);
            } catch (const InputError& e) {
                report_problem(e.where, e.what());
                return kExitInputFailed;
            }
            if (!file->empty()) {
                Document d;
                d.id = base_name(*file);
                try {
                    d.text = normalize_unicode(read_file(*file));
                } catch (const InputError& e) {
                    report_problem(e.where, e.what());
                    return kExitInputFailed;
                }
                analyze_text(d, tm.get());
                print_document(d);
                return kExitOk;
            }
            if (!tm) {
                std::cerr << "parley parse --conllu: no trained models in " << dir << " (expected tagger.bin, parser.bin)\n";
                return kExitInputFailed;
            }
            std::vector<text::ConllSentence> sents;
            try {
                sents = text::read_conllu(*conllu);
            } catch (const InputError& e) {
                report_problem(e.where, e.what());
                return kExitInputFailed;
            }
            std::vector<text::ConllSentence> gold;
            if (*eval) gold = sents;
            for (auto& s : sents)
                for (auto& w : s.words) w.feats.clear();
            auto t0 = std::chrono::steady_clock::now();
            text::annotate_sentences(sents, *tm);
            double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            for (const auto& s : sents) text::write_conllu(std::cout, s);
            if (*eval) {
                auto sc = text::score_sentences(gold, sents);
                std::fprintf(stderr,
                             "words %zu  UPOS %.2f  XPOS %.2f  lemma %.2f  UAS %.2f  LAS %.2f  LAS(universal "
                             "relations) %.2f  (%.0f words/s)\n",
                             sc.words, sc.pct(sc.upos), sc.pct(sc.xpos), sc.pct(sc.lemma), sc.pct(sc.uas),
                             sc.pct(sc.las), sc.pct(sc.las_universal), double(sc.words) / std::max(secs, 1e-9));
            }
            return kExitOk;
        };
    });
}

// Features kept in a model file unless --max-features says otherwise (the shipped tagger's size).
constexpr size_t kDefaultMaxFeatures = 700000;

void add_train(CLI::App& app, Runner& run) {
    auto* cmd = app.add_subcommand("train", "Train the tagger or parser from CoNLL-U (models ship under models/)");
    struct Args {
        std::string what, train, dev, out, clusters;
        int epochs = 0, jackknife = 5, tagger_epochs = 15, beam = 1;
        uint32_t seed = 1;
        float prune = 0.0F;
        size_t max_features = kDefaultMaxFeatures;
    };
    auto a = std::make_shared<Args>();
    cmd->add_option("what", a->what, "tagger | parser")->required()->check(CLI::IsMember({"tagger", "parser"}));
    cmd->add_option("--conllu", a->train, "Training CoNLL-U file")->required();
    cmd->add_option("--dev", a->dev, "Development CoNLL-U file (scores printed after training)");
    cmd->add_option("--out", a->out, "Output model file")->required();
    cmd->add_option("--epochs", a->epochs, "Training epochs (default: tagger 15, parser 15)");
    cmd->add_option("--seed", a->seed, "Random seed (training is deterministic given the seed)");
    cmd->add_option("--prune", a->prune, "Drop averaged weights smaller than this in magnitude");
    cmd->add_option("--max-features", a->max_features,
                    "Keep at most this many features (those with the largest weights) in the model file");
    cmd->add_option("--jackknife", a->jackknife,
                    "Parser: train on tags predicted by K taggers, each trained without one fold (0 = gold tags)");
    cmd->add_option("--tagger-epochs", a->tagger_epochs, "Parser: epochs of the jack-knife taggers");
    cmd->add_option("--beam", a->beam,
                    "Parser: beam width, stored in the model (1 = greedy with the dynamic oracle; K > 1 = beam "
                    "search trained globally, about K times slower to train and parse)")
        ->check(CLI::Range(1, 256));
    cmd->add_option("--clusters", a->clusters,
                    "Parser: word-cluster table (e.g. data/text/word_clusters.tsv) for cluster features; copied "
                    "into the model");
    cmd->footer(
        "Examples:\n"
        "  parley train tagger --conllu ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \\\n"
        "      --dev ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu --out models/tagger.bin\n"
        "  parley train parser --conllu ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu \\\n"
        "      --dev ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu --out models/parser.bin");
    cmd->callback([&run, a] {
        run = [a] {
            try {
                auto train = text::read_conllu(a->train);
                std::vector<text::ConllSentence> dev;
                if (!a->dev.empty()) dev = text::read_conllu(a->dev);
                text::TrainOptions opt;
                opt.seed = a->seed;
                opt.prune = a->prune;
                opt.max_features = a->max_features;
                if (a->what == "tagger") {
                    opt.epochs = a->epochs > 0 ? a->epochs : 15;
                    auto m = text::train_tagger(train, dev.empty() ? nullptr : &dev, opt);
                    text::save_tagger(m, a->out);
                } else {
                    opt.epochs = a->epochs > 0 ? a->epochs : 15;
                    if (a->jackknife > 1) {
                        // Re-tag each fold with a tagger that never saw it, so the parser
                        // learns from tags as noisy as the ones it will get at run time.
                        int k = a->jackknife;
                        text::TrainOptions topt = opt;
                        topt.epochs = a->tagger_epochs;
                        // --max-features sizes the parser; the fold taggers keep the tagger's
                        // own default, as the shipped tagger does, so their tags are as good.
                        topt.max_features = kDefaultMaxFeatures;
                        topt.verbose = false;
                        std::vector<text::ConllSentence> tagged = train;
                        for (int fold = 0; fold < k; ++fold) {
                            std::vector<text::ConllSentence> rest, held;
                            std::vector<size_t> held_idx;
                            for (size_t i = 0; i < train.size(); ++i) {
                                if (int(i % size_t(k)) == fold) {
                                    held.push_back(train[i]);
                                    held_idx.push_back(i);
                                } else {
                                    rest.push_back(train[i]);
                                }
                            }
                            auto tg = text::train_tagger(rest, nullptr, topt);
                            text::annotate_sentences(held, tg, nullptr);
                            for (size_t j = 0; j < held.size(); ++j) {
                                auto& dst = tagged[held_idx[j]].words;
                                for (size_t w = 0; w < dst.size(); ++w) {
                                    dst[w].xpos = held[j].words[w].xpos;
                                    dst[w].upos = held[j].words[w].upos;
                                }
                            }
                            std::cerr << "jack-knife fold " << fold + 1 << "/" << k << " tagged\n";
                        }
                        train = std::move(tagged);
                    }
                    text::WordTable clusters;
                    if (!a->clusters.empty()) {
                        clusters = text::load_word_clusters(a->clusters, true);
                        if (clusters.empty()) throw InputError(a->clusters, "no word clusters read");
                    }
                    auto m = text::train_parser(train, dev.empty() ? nullptr : &dev, opt, a->beam, clusters);
                    text::save_parser(m, a->out);
                }
                std::cerr << "wrote " << a->out << "\n";
            } catch (const InputError& e) {
                report_problem(e.where, e.what());
                return kExitInputFailed;
            }
            return kExitOk;
        };
    });
}

}  // namespace parley::cli
