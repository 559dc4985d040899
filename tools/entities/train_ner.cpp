// Train the entities stage's NER model on the CoNLL corpora in ../shared/data/ner/ and report
// exact-span F1 on held-apart splits. Usage (see tools/entities/train_ner.sh):
//   train_ner <shared/data/ner dir> <data/kb dir> <output model path> [epochs] [bits] [nogaz|nocl]
//
// Splits (fixed, documented in models/ner/README.md):
//   wikigold  every 5th document (-DOCSTART-) is test, the rest train
//   WNUT17    train + dev are train, the annotated test file is test
//   BTC       sections a, b, e, f, g are train, section h is test
// Tags are mapped to PER / ORG / LOC (wikigold MISC, WNUT product / creative-work -> O;
// WNUT group / corporation -> ORG); IOB1 (wikigold) is rewritten as BIO.
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "entities/entities.hpp"
#include "entities/ner.hpp"
#include "text/learn.hpp"

using namespace parley;

namespace {

std::string map_type(const std::string& t) {
    static const std::map<std::string, std::string> m = {
        {"PER", "PER"}, {"person", "PER"}, {"LOC", "LOC"}, {"location", "LOC"}, {"ORG", "ORG"},
        {"group", "ORG"}, {"corporation", "ORG"}};
    auto it = m.find(t);
    return it == m.end() ? "" : it->second;
}

void normalise(std::vector<NerSentence>& ss) {
    for (auto& s : ss) {
        std::string prev = "O";
        for (auto& tag : s.tags) {
            std::string out = "O";
            if (tag.size() > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-') {
                std::string type = map_type(tag.substr(2));
                if (!type.empty()) {
                    bool begin = tag[0] == 'B' || prev.size() < 3 || prev.substr(2) != type;
                    out = (begin ? "B-" : "I-") + type;
                }
            }
            tag = out;
            prev = out;
        }
    }
}

void add(std::vector<NerSentence>& to, std::vector<NerSentence> from) {
    for (auto& s : from) to.push_back(std::move(s));
}

void progress(int ep, double acc) { std::fprintf(stderr, "epoch %d token accuracy %.4f\n", ep, acc); }

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s <ner dir> <kb dir> <model out> [epochs] [bits]\n", argv[0]);
        return 2;
    }
    std::string dir = argv[1];
    auto kb = load_kb(argv[2]);
    NerTrainOptions opt;
    if (argc > 4) opt.epochs = std::stoi(argv[4]);
    if (argc > 5) opt.bits = uint32_t(std::stoi(argv[5]));

    std::vector<NerSentence> train;
    std::map<std::string, std::vector<NerSentence>> test;
    try {
        std::vector<int> doc_of;
        auto wg = ner_read_conll(dir + "/wikigold/CONLL-format/data/wikigold.conll.txt", &doc_of);
        for (size_t i = 0; i < wg.size(); ++i)
            (doc_of[i] % 5 == 4 ? test["wikigold"] : train).push_back(std::move(wg[i]));
        add(train, ner_read_conll(dir + "/WNUT17/CONLL-format/data/train/wnut17train.conll"));
        add(train, ner_read_conll(dir + "/WNUT17/CONLL-format/data/dev/emerging.dev.conll"));
        test["wnut17"] = ner_read_conll(dir + "/WNUT17/CONLL-format/data/test/emerging.test.annotated");
        for (const char* sec : {"a", "b", "e", "f", "g"})
            add(train, ner_read_conll(dir + "/BTC/CONLL-format/data/" + sec + ".conll"));
        test["btc"] = ner_read_conll(dir + "/BTC/CONLL-format/data/h.conll");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    // Ablation: a 6th argument "nogaz" trains and scores without the knowledge-base features.
    const bool use_gaz = !(argc > 6 && std::string(argv[6]) == "nogaz");
    // Word clusters: the same table the tagger copies into its model, which is what fills
    // Token::cluster at run time (a 6th argument "nocl" leaves them out, for the ablation).
    const bool use_cl = !(argc > 6 && std::string(argv[6]) == "nocl");
    text::WordTable clusters;
    if (use_cl) clusters = text::load_word_clusters(std::string(argv[2]) + "/../text/word_clusters.tsv", true);
    auto prep = [&](std::vector<NerSentence>& ss) {
        normalise(ss);
        for (auto& s : ss) {
            s.gaz = use_gaz ? ner_gazetteer(*kb, std::vector<std::string_view>(s.words.begin(), s.words.end()))
                            : std::vector<GazClass>(s.words.size(), GazClass::none);
            s.clusters.clear();
            for (const auto& w : s.words) s.clusters.push_back(text::word_cluster(clusters, w));
        }
    };
    prep(train);
    // Every 5th training sentence goes without clusters, so the model still tags well where
    // the text stage did not run (no models shipped alongside, hand-made tokens in tests).
    for (size_t i = 0; i < train.size(); i += 5) std::fill(train[i].clusters.begin(), train[i].clusters.end(), 0);
    for (auto& [_, ss] : test) prep(ss);
    std::fprintf(stderr, "train sentences %zu\n", train.size());
    NerModel m = ner_train(train, opt, progress);
    ner_save(m, argv[3]);
    auto loaded = ner_load(argv[3]);  // score the model as shipped (quantised)
    // Scored twice: full-sentence decoding, and the windowed decoding the linker uses.
    for (int windowed = 0; windowed < 2; ++windowed) {
        NerScore all;
        std::printf("\n%s decoding\n\n", windowed ? "windowed (as in link_entities)" : "full-sentence");
        std::printf("| split | sentences | gold spans | precision | recall | F1 |\n|---|---:|---:|---:|---:|---:|\n");
        for (auto& [name, ss] : test) {
            NerScore sc;
            size_t gold_spans = 0;
            for (auto& s : ss) {
                std::vector<std::string_view> w(s.words.begin(), s.words.end());
                std::vector<bool> cand(w.size());
                for (size_t i = 0; i < w.size(); ++i) cand[i] = ner_candidate(w[i]);
                auto pred = windowed ? ner_tag_windows(*loaded, w, s.gaz, cand, s.clusters)
                                     : ner_tag(*loaded, w, s.gaz, s.clusters);
                ner_score(s.tags, pred, sc);
                gold_spans += ner_spans(s.tags).size();
            }
            all.tp += sc.tp;
            all.fp += sc.fp;
            all.fn += sc.fn;
            std::printf("| %s test | %zu | %zu | %.3f | %.3f | %.3f |\n", name.c_str(), ss.size(), gold_spans,
                        sc.precision(), sc.recall(), sc.f1());
        }
        std::printf("| all (micro) | | | %.3f | %.3f | %.3f |\n", all.precision(), all.recall(), all.f1());
    }
    return 0;
}
