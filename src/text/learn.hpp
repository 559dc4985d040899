// Internals of the text stage shared by the tagger, lemmatiser, parser, the model files and
// the `parley train` / `parley parse` commands: CoNLL-U sentences, a sparse averaged
// perceptron for training, and its compact read-only form for inference.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iosfwd>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/document.hpp"

namespace parley {
struct TextModels;
}

namespace parley::text {

// ---------------------------------------------------------------- CoNLL-U

struct Word {
    std::string form, lemma, upos, xpos, feats, deprel, misc;
    int head = -1;  // 0-based index of the head word in the sentence, -1 for root
};

struct ConllSentence {
    std::vector<std::string> comments;  // "# ..." lines, kept for output
    std::vector<Word> words;
};

// Read the word lines of a CoNLL-U file (multiword-token ranges and empty nodes skipped).
// Throws InputError naming the file and line on malformed input.
std::vector<ConllSentence> read_conllu(const std::string& path);
std::vector<ConllSentence> parse_conllu(std::string_view data, const std::string& where);
void write_conllu(std::ostream& out, const ConllSentence& s);

// ---------------------------------------------------------------- features

inline uint64_t mix64(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}
// A feature key: template number plus up to three values, mixed into 64 bits.
inline uint64_t feat(uint64_t tmpl, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
    uint64_t h = mix64(tmpl * 0x9E3779B97F4A7C15ULL + a);
    h = mix64(h ^ (b + 0x632BE59BD9B4E019ULL));
    if (c) h = mix64(h ^ (c * 0x85EBCA77C2B2AE63ULL));
    return h;
}
uint64_t str_id(std::string_view s);  // stable 64-bit id of a string (xxh3)

// ---------------------------------------------------------------- training weights

// Averaged perceptron over hashed features, each with a short list of per-class weights
// (updates touch only the gold and the predicted class, so the lists stay short).
class Perceptron {
public:
    explicit Perceptron(int n_classes) : n_classes_(n_classes) {}
    int classes() const { return n_classes_; }
    // scores[c] += sum of current weights; scores must have n_classes entries.
    void score(const std::vector<uint64_t>& feats, std::vector<float>& scores) const;
    void update(const std::vector<uint64_t>& feats, int gold, int guess);
    // (parser, beam training) Add `delta` to one class's weight of every feature: a
    // structured update touches different feature vectors for the gold and the predicted
    // transition sequences, so it cannot go through update().
    void add(const std::vector<uint64_t>& feats, int cls, float delta);
    void tick() { ++now_; }
    // Averaged weights, for export (call once after training).
    struct Entry {
        uint16_t cls;
        float w;
    };
    std::unordered_map<uint64_t, std::vector<Entry>> averaged() const;

private:
    struct Slot {
        uint16_t cls;
        float w;
        double total;
        uint64_t stamp;
    };
    int n_classes_;
    uint64_t now_ = 0;
    std::unordered_map<uint64_t, std::vector<Slot>> w_;
    // Adds `delta` to class `cls` of one feature's list, first banking the old weight's
    // contribution to the running total (lazy averaging).
    void bump(std::vector<Slot>& slots, int cls, float delta);
};

// ---------------------------------------------------------------- inference weights

class ByteReader;

// Allocator for the large weight arrays: 2 MiB-aligned and advised to use transparent huge
// pages, because scoring is random access over tens of MiB and 4 KiB pages would make most
// lookups a TLB miss as well as a cache miss.
template <class T>
struct HugePageAllocator {
    using value_type = T;
    HugePageAllocator() = default;
    template <class U>
    HugePageAllocator(const HugePageAllocator<U>&) {}
    T* allocate(size_t n);
    void deallocate(T* p, size_t) { std::free(p); }
    template <class U>
    bool operator==(const HugePageAllocator<U>&) const { return true; }
};
void* huge_page_alloc(size_t bytes);
template <class T>
T* HugePageAllocator<T>::allocate(size_t n) {
    return static_cast<T*>(huge_page_alloc(n * sizeof(T)));
}

// Read-only, quantised form of a trained perceptron: an open-addressing table of feature
// keys pointing at runs of (class, int16 weight). Scores are integers; only their order
// matters, so a single positive scale is dropped.
class Weights {
public:
    // Keeps at most `max_features` features (those with the largest weights) and drops
    // weights smaller than `prune_below`.
    static Weights from(const std::unordered_map<uint64_t, std::vector<Perceptron::Entry>>& avg,
                        int n_classes, float prune_below, size_t max_features);
    int classes() const { return n_classes_; }
    void score(const uint64_t* feats, size_t n, int32_t* scores) const;
    size_t features() const { return n_features_; }
    size_t entries() const { return entries_.size(); }
    void write(std::ostream& out) const;
    void read(ByteReader& in);

private:
    int n_classes_ = 0;
    size_t n_features_ = 0;
    uint64_t mask_ = 0;
    // One 8-byte slot per table position so a lookup touches one cache line: the key's
    // high 32 bits as a fingerprint (the low bits pick the slot) and the run's start (24
    // bits) and length (8 bits).
    struct Slot {
        uint32_t fp = 0;  // 0 = empty
        uint32_t run = 0;
    };
    std::vector<Slot, HugePageAllocator<Slot>> slots_;
    // Runs of (class, weight) pairs.
    struct Entry {
        uint16_t cls;
        int16_t w;
    };
    std::vector<Entry, HugePageAllocator<Entry>> entries_;

    // In-memory scoring layout, built from the two arrays above on load: a 32-byte cell per
    // slot holding the fingerprint and up to kInline (class, weight) pairs, so most lookups
    // cost one cache miss instead of two. Longer runs (the frequent features, which carry a
    // weight for most classes) become dense rows added with vector instructions.
    static constexpr int kInline = 9;
    struct alignas(32) Cell {
        uint32_t fp;
        uint8_t n;  // run length; > kInline means "dense row number stored in cls[0..3]"
        uint8_t cls[kInline];
        int16_t w[kInline];
    };
    static_assert(sizeof(Cell) == 32);
    std::vector<Cell, HugePageAllocator<Cell>> cells_;
    size_t stride_ = 0;  // dense row length: n_classes_ rounded up to 16
    std::vector<int16_t, HugePageAllocator<int16_t>> dense_;
    void build_cells();
};

// ---------------------------------------------------------------- binary helpers

void put_u32(std::ostream& o, uint32_t v);
void put_u64(std::ostream& o, uint64_t v);
void put_str(std::ostream& o, std::string_view s);

// Reads a model payload in place (no stream copies: loading must stay well under 100 ms).
class ByteReader {
public:
    ByteReader(std::string data, size_t begin, size_t end, std::string where)
        : data_(std::move(data)), pos_(begin), end_(end), where_(std::move(where)) {}
    uint32_t u32() { return pod<uint32_t>(); }
    uint64_t u64() { return pod<uint64_t>(); }
    std::string str();
    template <class V>
    void vec(V& v, uint64_t max_items) {
        using T = typename V::value_type;
        uint64_t n = u64();
        if (n > max_items) fail("model file corrupt (array too long)");
        need(n * sizeof(T));
        v.resize(n);
        if (n) std::memcpy(static_cast<void*>(v.data()), data_.data() + pos_, n * sizeof(T));
        pos_ += n * sizeof(T);
    }
    const std::string& where() const { return where_; }
    [[noreturn]] void fail(const std::string& why) const;

private:
    void need(uint64_t n) const {
        if (n > end_ - pos_) fail("model file truncated");
    }
    template <class T>
    T pod() {
        need(sizeof(T));
        T v;
        std::memcpy(&v, data_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return v;
    }
    std::string data_;
    size_t pos_, end_;
    std::string where_;
};

// A model file: magic, payload size, payload, xxh64 checksum of the payload.
// open_model_file checks the magic, size and checksum and returns a reader over the payload.
void write_model_file(const std::string& path, std::string_view magic, const std::string& payload);
ByteReader open_model_file(const std::string& path, std::string_view magic);

// ---------------------------------------------------------------- word tables

// A read-only map from a lower-cased word to a 16-bit value (0 = absent), for word lists
// copied into model files (the tagger's word-class lexicon, word clusters): an open-
// addressing table (size a power of two, at most two-thirds full, 0 = empty slot) of
// str_id(word) with its low 16 bits replaced by the value, so a lookup is one probe in
// most cases and the table loads with a single copy.
struct WordTable {
    std::vector<uint64_t> slots;
    size_t words = 0;

    bool empty() const { return slots.empty(); }
    uint16_t find(std::string_view word) const;
    // From (str_id(word), value) pairs; later duplicates and zero values are ignored.
    static WordTable build(const std::vector<std::pair<uint64_t, uint16_t>>& entries);
    void write(std::ostream& out) const;
    // Throws InputError(in.where(), ...) when the table is damaged.
    void read(ByteReader& in);
};

// Word clusters (data/text/word_clusters.tsv, built from GloVe vectors by
// tools/text/word_clusters.py): each word's path in a binary tree of clusters, stored as
// (1 << length) | bits so that a path of up to 15 bits fits a WordTable value.
WordTable load_word_clusters(const std::string& path, bool verbose);
// Prefixes of a code: parley::cluster_prefix (src/model/document.hpp, where tokens carry it).
using parley::cluster_prefix;
// The cluster code of a word form as the tagger looks it up (ASCII letters lower-cased), for
// tools that run no tagger (tag_words hands out the codes it looked up).
uint16_t word_cluster(const WordTable& clusters, std::string_view form);

// ---------------------------------------------------------------- tagger + lemmatiser

struct TaggerModel {
    std::vector<std::string> labels;                 // joint "UPOS\tXPOS"
    std::vector<std::string> upos, xpos;             // split of labels
    std::unordered_map<uint64_t, uint16_t> tagdict;  // frequent unambiguous words -> label
    Weights weights;
    // lemmatiser
    std::unordered_map<uint64_t, std::string> lemma_lex;  // (form, xpos) -> lemma exceptions
    std::unordered_map<uint64_t, uint32_t> lemma_rules;   // (xpos, suffix) -> rule index
    std::vector<std::pair<uint8_t, std::string>> rules;   // (strip bytes, append)
    // Word-class lexicon for words the training data never showed (data/text/wordnet_pos.tsv,
    // copied into the model at training time): lower-cased word -> class bits.
    WordTable lexicon;
    // (ending, replacement) pairs tried on words missing from the lexicon to find their
    // base there (data/text/lexicon_endings.tsv).
    std::vector<std::pair<std::string, std::string>> lexicon_endings;
    // Word clusters (data/text/word_clusters.tsv, copied into the model at training time):
    // lower-cased word -> path code in the cluster tree, for words rare or absent in training.
    WordTable clusters;
};

struct TrainOptions {
    int epochs = 10;
    uint32_t seed = 1;
    float prune = 0.0F;
    size_t max_features = size_t(1) << 30;
    bool verbose = true;
};

// Tag `forms`, writing label indices; `tags` is resized.
// `clusters`, when given, receives each word's cluster code (0 when not in the table): the
// tagger looks them up anyway, so callers that keep them need no second lookup.
void tag_words(const TaggerModel& m, const std::vector<std::string_view>& forms, std::vector<uint16_t>& tags,
               std::vector<uint16_t>* clusters = nullptr);
std::string lemmatize(const TaggerModel& m, std::string_view form, uint16_t label);
// Class bits of a lower-cased word in the tagger's lexicon (0 when absent).
uint16_t lexicon_classes(const TaggerModel& m, std::string_view lower_word);

TaggerModel train_tagger(const std::vector<ConllSentence>& train, const std::vector<ConllSentence>* dev,
                         const TrainOptions& opt);
void save_tagger(const TaggerModel& m, const std::string& path);
TaggerModel load_tagger(const std::string& path);

// ---------------------------------------------------------------- parser

struct ParserModel {
    std::vector<std::string> deprels;
    Weights weights;
    // Feature templates the weights were trained with: 1 = Zhang & Nivre + 7 (files with
    // magic PARLEY-PARSER-1), 2 = also suffix and universal-tag templates (PARLEY-PARSER-2).
    int feature_set = 2;
    // (round three) Beam width used at parse time; 1 = greedy. Files with magic
    // PARLEY-PARSER-3 store it; older files are greedy.
    int beam = 1;
    // (round three) Feature set 3 adds word-cluster templates; the cluster table
    // (data/text/word_clusters.tsv at training time) is copied into the model file.
    WordTable clusters;
};

// Parse one sentence from forms and predicted XPOS/UPOS; heads are 0-based, -1 = root.
void parse_words(const ParserModel& m, const std::vector<std::string_view>& forms,
                 const std::vector<std::string_view>& xpos, const std::vector<std::string_view>& upos,
                 std::vector<int>& heads, std::vector<uint16_t>& labels);

// `train` words must carry the tags the parser will see at run time (e.g. jack-knifed).
ParserModel train_parser(const std::vector<ConllSentence>& train, const std::vector<ConllSentence>* dev,
                         const TrainOptions& opt);
void save_parser(const ParserModel& m, const std::string& path);
ParserModel load_parser(const std::string& path);

// ---- parser, round three: beam search with global training
// beam > 1: beam search over `beam` states, trained as a structured averaged perceptron
// with max-violation updates (Huang et al. 2012) against the best zero-cost derivation of
// the dynamic oracle; the width is stored in the model and used by parse_words.
// beam == 1 is the greedy training above.
ParserModel train_parser(const std::vector<ConllSentence>& train, const std::vector<ConllSentence>* dev,
                         const TrainOptions& opt, int beam);
// The same with word-cluster features (feature set 3) when `clusters` is not empty.
ParserModel train_parser(const std::vector<ConllSentence>& train, const std::vector<ConllSentence>* dev,
                         const TrainOptions& opt, int beam, const WordTable& clusters);
// Sentences longer than this are parsed greedily even by a beam model (the beam copies
// states, O(beam * words^2) per sentence), so hostile input stays bounded in time.
constexpr size_t kBeamMaxWords = 300;

// Tag, lemmatise and (when a parser is given) parse CoNLL-U sentences in place.
void annotate_sentences(std::vector<ConllSentence>& sents, const TaggerModel& tagger, const ParserModel* parser);
void annotate_sentences(std::vector<ConllSentence>& sents, const TextModels& models);

// Scores of predicted against gold sentences with the same words (gold tokenisation).
struct Scores {
    size_t words = 0, upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0, las_universal = 0;
    double pct(size_t x) const { return words ? 100.0 * double(x) / double(words) : 0.0; }
};
Scores score_sentences(const std::vector<ConllSentence>& gold, const std::vector<ConllSentence>& pred);

}  // namespace parley::text
