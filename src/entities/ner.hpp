// A small named-entity tagger for the entities stage: a first-order structured perceptron
// (averaged, Viterbi decoding) over BIO tags for PER / ORG / LOC, with hashed features from
// the word, its shape and affixes, its neighbours, its word cluster (Token::cluster, from
// the text stage) and knowledge-base gazetteer classes.
//
// It is deliberately self-contained (features, training, decoding and the model file all
// live here) so that it can later be merged with the linguistic core's averaged-perceptron
// tagger in src/text, which will bring POS features; until then it works from words only.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

struct Kb;

// Knowledge-base class of a token, from the longest alias match covering it. Used as a
// feature: the model learns how far to trust each kind of gazetteer hit.
enum class GazClass : uint8_t { none, person, org, country, demonym, metonym, place, title };

struct NerModel {
    std::vector<std::string> labels;  // "O", "B-PER", "I-PER", ...
    uint32_t bits = 18;               // 2^bits feature buckets
    std::vector<float> emit;          // bucket * labels.size() + label
    std::vector<float> trans;         // (prev + 1) * labels.size() + label; prev -1 = start
    size_t n_labels() const { return labels.size(); }
};

struct NerSentence {
    std::vector<std::string> words;
    std::vector<std::string> tags;  // BIO, one per word (empty when unlabelled)
    std::vector<GazClass> gaz;      // one per word (filled by ner_gazetteer)
    std::vector<uint16_t> clusters; // one per word (Token::cluster codes), or empty: none
};

struct NerSpan {
    uint32_t first = 0, last = 0;  // word range, inclusive
    std::string type;              // PER, ORG, LOC
};

// Gazetteer classes for a sentence's words from the KB's aliases (longest match first).
std::vector<GazClass> ner_gazetteer(const Kb& kb, const std::vector<std::string_view>& words);
// The same from the words' alias keys (alias_key() of each word), when already computed.
std::vector<GazClass> ner_gazetteer_keys(const Kb& kb, const std::string* keys, size_t n);
// The strongest class among an alias's targets (countries and titles over names).
struct AliasTarget;
GazClass gazetteer_class(const Kb& kb, std::span<const AliasTarget> targets);

// Viterbi-decode the best BIO tag sequence.
// `clusters`: one word-cluster code per word (Token::cluster), or empty when unknown.
std::vector<std::string> ner_tag(const NerModel& m, const std::vector<std::string_view>& words,
                                 const std::vector<GazClass>& gaz, std::span<const uint16_t> clusters = {});

// Tag only windows around candidate tokens (`candidate[i]`: capitalised, say): runs of
// candidates less than five tokens apart form one span, decoded with two words of context on
// each side; every other token is "O". Much cheaper on news text, where most tokens are
// lower-case; the features only reach two words away, so a candidate sees what full-sentence
// decoding would show it.
std::vector<std::string> ner_tag_windows(const NerModel& m, const std::vector<std::string_view>& words,
                                         const std::vector<GazClass>& gaz, const std::vector<bool>& candidate,
                                         std::span<const uint16_t> clusters = {});
// The candidate rule used by the linker: starts with an upper-case letter, a digit or a
// letter of a caseless script.
bool ner_candidate(std::string_view word);

// BIO tags -> spans (an I- without a matching B- starts a span, as conlleval does).
std::vector<NerSpan> ner_spans(const std::vector<std::string>& tags);

struct NerTrainOptions {
    int epochs = 8;
    uint32_t bits = 18;
    uint64_t seed = 1;
};

// Train an averaged structured perceptron on labelled sentences (gaz already filled).
NerModel ner_train(const std::vector<NerSentence>& train, const NerTrainOptions& opt,
                   void (*progress)(int epoch, double train_acc) = nullptr);

// Model file: magic "PNER2" (PNER1 files, trained before the cluster features, are refused), labels, bits, then zlib-compressed int16-quantised weights.
void ner_save(const NerModel& m, const std::string& path);
// Throws std::runtime_error naming the file on a missing, truncated or corrupt model.
std::shared_ptr<const NerModel> ner_load(const std::string& path);

// Read a CoNLL file (word TAB-or-space tag per line, blank line between sentences,
// -DOCSTART- lines start a new document). `doc_of` receives each sentence's document index.
std::vector<NerSentence> ner_read_conll(const std::string& path, std::vector<int>* doc_of = nullptr);

// Exact-span scores, CoNLL definition.
struct NerScore {
    size_t tp = 0, fp = 0, fn = 0;
    double precision() const { return tp + fp ? double(tp) / double(tp + fp) : 0.0; }
    double recall() const { return tp + fn ? double(tp) / double(tp + fn) : 0.0; }
    double f1() const {
        double p = precision(), r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    }
};
void ner_score(const std::vector<std::string>& gold, const std::vector<std::string>& pred, NerScore& s);

}  // namespace parley
