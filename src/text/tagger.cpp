// Part-of-speech tagger (UPOS and XPOS as one joint label) and lemmatiser.
//
// The tagger is a greedy left-to-right averaged perceptron over hashed word, affix, shape
// and tag-history features. It runs two passes: the second pass also sees the first pass's
// tags to the right, which fixes decisions that depend on what follows ("that", "to",
// particles). The lemmatiser learns suffix rules per XPOS from the training data and keeps
// a lexicon only for words the rules get wrong.
//
// Words the training data never showed are tagged from their affixes and shape, and from a
// word-class lexicon (WordNet, converted by tools/text/wordnet_lexicon.py into
// data/text/wordnet_pos.tsv): whether a word can be a noun, a verb, an adjective, or is
// listed only as a name; and from word clusters (data/text/word_clusters.tsv, a binary tree
// of clusters over GloVe vectors of 150k words): path prefixes of the word and its
// neighbours. Both tables are copied into the model file at training time, so tagging needs
// no data files.
#include <algorithm>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>

#include "text/learn.hpp"
#include "util/util.hpp"

namespace parley::text {
namespace {

constexpr uint64_t kPad = 0x5041445041445041ULL;  // id of the padding "word"
constexpr uint64_t kNoTag = 0xFFFF;

struct TokInfo {
    uint64_t raw = kPad, low = kPad, shape = kPad;
    uint64_t suf[4] = {kPad, kPad, kPad, kPad};
    uint64_t pre[3] = {kPad, kPad, kPad};
    uint64_t flags = 0;
    uint64_t word_case = 0;  // 0 no capital first, 1 capitalised, 2 all capitals
    uint64_t lex = 0;       // lexicon class bits of the word, 0 when absent
    uint64_t lex_base = 0;  // when absent: ending stripped and the base's class bits
    // Cluster path of the lower-cased word, cut to 4, 6 and 10 bits and whole (0 when the
    // word is not in the cluster table; the padding word has its own value).
    uint64_t clu[4] = {kPad, kPad, kPad, kPad};
};

// Word shape: X for upper case, x for lower case, d for digits, other bytes kept; runs
// longer than two are cut to two so "Washington" and "Moscow" share "Xxx"... "Xxx".
uint64_t shape_id(std::string_view w) {
    char buf[24];
    size_t n = 0;
    char last = 0;
    int run = 0;
    for (unsigned char c : w) {
        char s = (c >= 'A' && c <= 'Z') ? 'X' : (c >= 'a' && c <= 'z') ? 'x' : (c >= '0' && c <= '9') ? 'd' : c >= 0x80 ? 'u' : char(c);
        run = s == last ? run + 1 : 1;
        last = s;
        if (run > 2) continue;
        if (n < sizeof(buf)) buf[n++] = s;
    }
    return str_id(std::string_view(buf, n)) ^ 0x1234;
}

// Class bits of the lexicon file's letters; the dominant class goes above them.
constexpr std::string_view kLexLetters = "npcvarNVA";
constexpr int kLexDominantShift = 9;

uint64_t lexicon_bits(const TaggerModel& m, std::string_view low) { return m.lexicon.find(low); }

// For a word missing from the lexicon: the first (ending, replacement) whose base is in
// the lexicon, as a feature value combining the ending and the base's classes.
uint64_t lexicon_base(const TaggerModel& m, std::string_view low, std::string& buf) {
    for (size_t i = 0; i < m.lexicon_endings.size(); ++i) {
        const auto& [end, rep] = m.lexicon_endings[i];
        if (low.size() < end.size() + 2 || !low.ends_with(end)) continue;
        buf.assign(low.substr(0, low.size() - end.size()));
        buf += rep;
        if (uint64_t b = lexicon_bits(m, buf)) return (uint64_t(i) + 1) << 16 | b;
    }
    return 0;
}

void token_info(const TaggerModel& m, std::string_view form, std::string& low, TokInfo& t) {
    low.assign(form);
    bool upper = false, digit = false, hyphen = false, alpha = false;
    for (char& c : low) {
        if (c >= 'A' && c <= 'Z') {
            c = char(c - 'A' + 'a');
            upper = true;
        }
        digit |= c >= '0' && c <= '9';
        alpha |= (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
        hyphen |= c == '-';
    }
    t.raw = str_id(form);
    t.low = str_id(low);
    t.shape = shape_id(form);
    std::string_view l(low);
    for (size_t k = 0; k < 4; ++k) t.suf[k] = l.size() > k + 1 ? str_id(l.substr(l.size() - k - 1)) : kPad;
    for (size_t k = 0; k < 3; ++k) t.pre[k] = l.size() > k + 1 ? str_id(l.substr(0, k + 1)) : kPad;
    t.flags = uint64_t(upper) | uint64_t(digit) << 1 | uint64_t(hyphen) << 2 | uint64_t(alpha) << 3;
    bool first_upper = !form.empty() && form[0] >= 'A' && form[0] <= 'Z';
    bool has_lower = std::any_of(form.begin(), form.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    t.word_case = first_upper ? (has_lower ? 1 : 2) : 0;
    t.lex = 0;
    t.lex_base = 0;
    if (!m.lexicon.empty() && alpha) {
        t.lex = lexicon_bits(m, l);
        thread_local std::string buf;
        if (!t.lex) t.lex_base = lexicon_base(m, l, buf);
    }
    uint16_t code = m.clusters.find(l);
    t.clu[0] = cluster_prefix(code, 4);
    t.clu[1] = cluster_prefix(code, 6);
    t.clu[2] = cluster_prefix(code, 10);
    t.clu[3] = code;
}

// Features of word i. `left` holds the current pass's tags for words before i; `right`
// (second pass only) the first pass's tags for all words.
void tag_features(const std::vector<TokInfo>& toks, size_t i, const uint16_t* left, const uint16_t* right,
                  std::vector<uint64_t>& f) {
    f.clear();
    auto tok = [&](long j) -> const TokInfo& {
        static const TokInfo pad{};
        return j < 0 || j >= long(toks.size()) ? pad : toks[size_t(j)];
    };
    long n = long(i);
    const TokInfo& w = toks[i];
    uint64_t t1 = n >= 1 ? left[n - 1] : kNoTag;
    uint64_t t2 = n >= 2 ? left[n - 2] : kNoTag;
    uint64_t p = right ? 100 : 0;  // separate feature space for the second pass
    f.push_back(feat(p + 1, 1));
    f.push_back(feat(p + 2, w.low));
    f.push_back(feat(p + 3, w.raw));
    for (int k = 0; k < 4; ++k) f.push_back(feat(p + 4 + uint64_t(k), w.suf[k]));
    for (int k = 0; k < 3; ++k) f.push_back(feat(p + 8 + uint64_t(k), w.pre[k]));
    f.push_back(feat(p + 11, w.shape));
    f.push_back(feat(p + 12, t1));
    f.push_back(feat(p + 13, t1, t2));
    f.push_back(feat(p + 14, t1, w.low));
    f.push_back(feat(p + 15, tok(n - 1).low));
    f.push_back(feat(p + 16, tok(n - 1).suf[2]));
    f.push_back(feat(p + 17, tok(n - 2).low));
    f.push_back(feat(p + 18, tok(n + 1).low));
    f.push_back(feat(p + 19, tok(n + 1).suf[2]));
    f.push_back(feat(p + 20, tok(n + 2).low));
    f.push_back(feat(p + 21, tok(n - 1).low, w.low));
    f.push_back(feat(p + 22, w.low, tok(n + 1).low));
    f.push_back(feat(p + 23, tok(n + 1).shape));
    f.push_back(feat(p + 24, tok(n - 1).shape));
    f.push_back(feat(p + 25, t1, w.suf[2]));
    f.push_back(feat(p + 26, w.flags, n == 0));
    f.push_back(feat(p + 27, w.flags, tok(n + 1).flags));
    f.push_back(feat(p + 28, tok(n - 1).suf[0], tok(n + 1).suf[0]));
    // Lexicon classes, alone and with capitalisation and sentence position: a capitalised
    // word the lexicon knows only as a common noun is less likely a name.
    uint64_t cap = w.word_case;
    f.push_back(feat(p + 29, w.lex, w.lex_base));
    f.push_back(feat(p + 30, w.lex, w.lex_base, cap | uint64_t(n == 0) << 4));
    f.push_back(feat(p + 31, w.lex, t1));
    f.push_back(feat(p + 32, tok(n + 1).lex, tok(n - 1).lex));
    // Word clusters of the word (coarse to fine) and of its neighbours: words rare or absent
    // in the treebank share weights with the words of their cluster that it does show.
    // Combinations with the previous tag, cluster bigrams and cluster x capitalisation
    // were measured and did not help (docs/bench/text_tagger.md).
    for (int k = 0; k < 4; ++k) f.push_back(feat(p + 50 + uint64_t(k), w.clu[k]));
    f.push_back(feat(p + 54, tok(n - 1).clu[1]));
    f.push_back(feat(p + 55, tok(n - 1).clu[3]));
    f.push_back(feat(p + 56, tok(n + 1).clu[1]));
    f.push_back(feat(p + 57, tok(n + 1).clu[3]));
    f.push_back(feat(p + 58, tok(n - 2).clu[1]));
    f.push_back(feat(p + 59, tok(n + 2).clu[1]));
    if (right) {
        uint64_t r1 = n + 1 < long(toks.size()) ? right[n + 1] : kNoTag;
        uint64_t r2 = n + 2 < long(toks.size()) ? right[n + 2] : kNoTag;
        f.push_back(feat(p + 40, r1));
        f.push_back(feat(p + 41, r1, r2));
        f.push_back(feat(p + 42, r1, w.low));
        f.push_back(feat(p + 43, t1, r1));
        f.push_back(feat(p + 44, r1, w.suf[2]));
        f.push_back(feat(p + 45, right[n]));
        f.push_back(feat(p + 46, right[n], w.low));
    }
}

std::string lower_ascii(std::string_view s) {
    std::string o(s);
    for (char& c : o)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return o;
}

// The lemmatiser works on the lower-cased form except for proper nouns.
bool keeps_case(std::string_view xpos) { return xpos.starts_with("NNP"); }

uint64_t rule_key(std::string_view xpos, std::string_view suffix) { return feat(501, str_id(xpos), str_id(suffix)); }
uint64_t lex_key(std::string_view form, std::string_view xpos) { return feat(502, str_id(form), str_id(xpos)); }
constexpr size_t kMaxSuffix = 6;

// Lexicon classes a lemma of this XPOS must have to count as a known word (0: not checked).
uint64_t lemma_classes(std::string_view xpos) {
    auto bit = [](char c) { return uint64_t(1) << kLexLetters.find(c); };
    if (xpos.starts_with("NNP")) return 0;
    if (xpos.starts_with("NN")) return bit('n') | bit('c');
    if (xpos.starts_with("VB")) return bit('v');
    if (xpos.starts_with("JJ")) return bit('a');
    return 0;
}

// The rule of the longest matching suffix, unless its lemma is not a word the lexicon knows
// for this class and the rule of a shorter suffix, or else one of the lexicon's endings,
// gives one that is: rules learned from few words overreach ("hottest" -> "hott").
std::string apply_rules(const TaggerModel& m, std::string_view xpos, const std::string& base) {
    uint64_t want = m.lexicon.empty() ? 0 : lemma_classes(xpos);
    std::string first;
    bool have_first = false;
    for (size_t k = std::min(kMaxSuffix, base.size()); k + 1 > 0; --k) {
        auto it = m.lemma_rules.find(rule_key(xpos, std::string_view(base).substr(base.size() - k)));
        if (it == m.lemma_rules.end()) continue;
        const auto& [strip, app] = m.rules[it->second];
        std::string cand = strip >= base.size() ? base : base.substr(0, base.size() - strip) + app;
        if (!want || (lexicon_bits(m, cand) & want)) return cand;
        if (!have_first) first = std::move(cand), have_first = true;
    }
    // No rule gave a known word: try the lexicon's endings ("reconvened" -> "reconvene").
    if (want && !(lexicon_bits(m, base) & want))
        for (const auto& [end, rep] : m.lexicon_endings) {
            if (base.size() < end.size() + 2 || !std::string_view(base).ends_with(end)) continue;
            std::string cand = base.substr(0, base.size() - end.size()) + rep;
            if (lexicon_bits(m, cand) & want) return cand;
        }
    return have_first ? first : base;
}

// Reads the word-class lexicon and its endings from data/text/ into the model. Without the
// files the tagger still trains, on affixes and shape alone, and says so.
void load_lexicon(TaggerModel& m, bool verbose) {
    std::string dir = data_dir() + "/text/";
    std::vector<std::pair<uint64_t, uint16_t>> words;
    for_each_tsv_row(dir + "wordnet_pos.tsv", [&](std::vector<std::string>& c, const std::vector<std::string>&) {
        if (c.size() < 3 || c[0].empty()) return;
        uint64_t bits = 0;
        for (char ch : c[1]) {
            size_t k = kLexLetters.find(ch);
            if (k != std::string_view::npos) bits |= uint64_t(1) << k;
        }
        size_t dom = std::string_view("nvar").find(c[2].empty() ? '-' : c[2][0]);
        if (dom != std::string_view::npos) bits |= uint64_t(dom + 1) << kLexDominantShift;
        if (bits) words.emplace_back(str_id(c[0]), uint16_t(bits));
    });
    m.lexicon = WordTable::build(words);
    for_each_tsv_row(dir + "lexicon_endings.tsv", [&](std::vector<std::string>& c, const std::vector<std::string>&) {
        if (!c.empty() && !c[0].empty()) m.lexicon_endings.emplace_back(c[0], c.size() > 1 ? c[1] : "");
    });
    if (verbose)
        std::cerr << "tagger: lexicon " << m.lexicon.words << " words, " << m.lexicon_endings.size()
                  << " endings" << (m.lexicon.empty() ? " (" + dir + "wordnet_pos.tsv missing: affixes only)" : "")
                  << "\n";
}

// Pass two re-tags a word only when pass one was unsure of it: when pass one's best label
// leads the runner-up by more than the model's largest single weight (the quantised
// maximum). At that margin pass two almost never disagrees (EWT dev UPOS moved by at most
// 0.01 in three trained models), and skipping those words makes tagging about 40% faster
// (docs/bench/text_tagger.md).
constexpr int32_t kSureMargin = 32767;

void run_pass(const TaggerModel& m, const std::vector<TokInfo>& info, const uint16_t* right,
              std::vector<uint16_t>& tags, std::vector<uint64_t>& f, std::vector<int32_t>& scores,
              std::vector<uint8_t>& sure) {
    for (size_t i = 0; i < info.size(); ++i) {
        auto td = m.tagdict.find(info[i].raw);
        if (td != m.tagdict.end()) {
            tags[i] = td->second;
            continue;
        }
        if (right && sure[i]) {
            tags[i] = right[i];
            continue;
        }
        tag_features(info, i, tags.data(), right, f);
        std::fill(scores.begin(), scores.end(), 0);
        m.weights.score(f.data(), f.size(), scores.data());
        size_t best = size_t(std::max_element(scores.begin(), scores.end()) - scores.begin());
        tags[i] = uint16_t(best);
        if (!right && scores.size() > 1) {
            int32_t top = scores[best];
            scores[best] = INT32_MIN;
            sure[i] = top - *std::max_element(scores.begin(), scores.end()) > kSureMargin;
        }
    }
}

}  // namespace

void tag_words(const TaggerModel& m, const std::vector<std::string_view>& forms, std::vector<uint16_t>& tags,
               std::vector<uint16_t>* clusters) {
    thread_local std::vector<TokInfo> info;
    thread_local std::vector<uint64_t> f;
    thread_local std::vector<int32_t> scores;
    thread_local std::vector<uint16_t> first;
    thread_local std::vector<uint8_t> sure;
    thread_local std::string low;
    info.resize(forms.size());
    for (size_t i = 0; i < forms.size(); ++i) token_info(m, forms[i], low, info[i]);
    scores.assign(size_t(m.weights.classes()), 0);
    first.assign(forms.size(), 0);
    tags.assign(forms.size(), 0);
    sure.assign(forms.size(), 0);
    run_pass(m, info, nullptr, first, f, scores, sure);
    run_pass(m, info, first.data(), tags, f, scores, sure);
    if (clusters) {
        clusters->resize(forms.size());
        for (size_t i = 0; i < forms.size(); ++i) (*clusters)[i] = uint16_t(info[i].clu[3]);
    }
}

uint16_t lexicon_classes(const TaggerModel& m, std::string_view lower_word) {
    return uint16_t(lexicon_bits(m, lower_word));
}

std::string lemmatize(const TaggerModel& m, std::string_view form, uint16_t label) {
    std::string_view xpos = label < m.xpos.size() ? std::string_view(m.xpos[label]) : std::string_view();
    auto it = m.lemma_lex.find(lex_key(form, xpos));
    if (it != m.lemma_lex.end()) return it->second;
    std::string base = keeps_case(xpos) ? std::string(form) : lower_ascii(form);
    return apply_rules(m, xpos, base);
}

TaggerModel train_tagger(const std::vector<ConllSentence>& train, const std::vector<ConllSentence>* dev,
                         const TrainOptions& opt) {
    TaggerModel m;
    std::map<std::string, uint16_t> label_ids;
    auto label_of = [](const Word& w) { return w.upos + "\t" + w.xpos; };
    for (const auto& s : train)
        for (const auto& w : s.words) label_ids.emplace(label_of(w), 0);
    for (auto& [k, v] : label_ids) {
        v = uint16_t(m.labels.size());
        m.labels.push_back(k);
        m.upos.push_back(k.substr(0, k.find('\t')));
        m.xpos.push_back(k.substr(k.find('\t') + 1));
    }
    // Tag dictionary: frequent words that (almost) always carry one label skip the model.
    std::unordered_map<std::string, std::map<uint16_t, int>> counts;
    for (const auto& s : train)
        for (const auto& w : s.words) ++counts[w.form][label_ids[label_of(w)]];
    for (const auto& [form, c] : counts) {
        int total = 0, best = 0;
        uint16_t arg = 0;
        for (auto [l, n] : c) {
            total += n;
            if (n > best) best = n, arg = l;
        }
        if (total >= 20 && double(best) / total >= 0.995) m.tagdict.emplace(str_id(form), arg);
    }

    load_lexicon(m, opt.verbose);
    m.clusters = load_word_clusters(data_dir() + "/text/word_clusters.tsv", opt.verbose);

    // Training: two passes, each an averaged perceptron; the second pass is trained on the
    // first pass's own (imperfect) predictions so it learns to correct them.
    Perceptron pc(int(m.labels.size()));
    std::vector<size_t> order(train.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937 rng(opt.seed);
    std::vector<TokInfo> info;
    std::vector<uint64_t> f;
    std::vector<float> scores;
    std::string low;
    for (int ep = 0; ep < opt.epochs; ++ep) {
        std::shuffle(order.begin(), order.end(), rng);
        size_t right = 0, total = 0;
        for (size_t si : order) {
            const auto& words = train[si].words;
            info.resize(words.size());
            for (size_t i = 0; i < words.size(); ++i) token_info(m, words[i].form, low, info[i]);
            std::vector<uint16_t> gold(words.size()), first(words.size()), second(words.size());
            for (size_t i = 0; i < words.size(); ++i) gold[i] = label_ids[label_of(words[i])];
            for (int pass = 0; pass < 2; ++pass) {
                auto& tags = pass == 0 ? first : second;
                for (size_t i = 0; i < words.size(); ++i) {
                    auto td = m.tagdict.find(info[i].raw);
                    if (td != m.tagdict.end()) {
                        tags[i] = td->second;
                        continue;
                    }
                    tag_features(info, i, tags.data(), pass ? first.data() : nullptr, f);
                    scores.assign(m.labels.size(), 0.0F);
                    pc.score(f, scores);
                    int guess = int(std::max_element(scores.begin(), scores.end()) - scores.begin());
                    pc.update(f, gold[i], guess);
                    pc.tick();
                    tags[i] = uint16_t(guess);
                    if (pass) right += guess == gold[i], ++total;
                }
            }
        }
        if (opt.verbose)
            std::cerr << "tagger epoch " << ep + 1 << ": train accuracy (model-tagged words) "
                      << 100.0 * double(right) / double(std::max<size_t>(total, 1)) << "\n";
    }
    m.weights = Weights::from(pc.averaged(), int(m.labels.size()), opt.prune, opt.max_features);

    // Lemmatiser: suffix rules from distinct (form, xpos, lemma) triples, then a lexicon
    // of the most frequent lemma per (form, xpos) wherever the rules would be wrong.
    std::map<std::tuple<std::string, std::string>, std::map<std::string, int>> lemmas;
    for (const auto& s : train)
        for (const auto& w : s.words)
            if (w.lemma != "_") ++lemmas[{w.form, w.xpos}][w.lemma];
    std::map<std::pair<std::string, std::string>, std::map<std::pair<uint8_t, std::string>, int>> rule_counts;
    std::map<std::pair<uint8_t, std::string>, uint32_t> rule_ids;
    for (const auto& [key, ls] : lemmas) {
        const auto& [form, xpos] = key;
        std::string lemma = std::max_element(ls.begin(), ls.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
        std::string base = keeps_case(xpos) ? form : lower_ascii(form);
        size_t cp = 0;
        while (cp < base.size() && cp < lemma.size() && base[cp] == lemma[cp]) ++cp;
        if (base.size() - cp > 255) continue;
        std::pair<uint8_t, std::string> rule{uint8_t(base.size() - cp), lemma.substr(cp)};
        for (size_t k = 0; k <= std::min(kMaxSuffix, base.size()); ++k)
            ++rule_counts[{xpos, base.substr(base.size() - k)}][rule];
    }
    for (const auto& [key, rc] : rule_counts) {
        auto best = std::max_element(rc.begin(), rc.end(), [](auto& a, auto& b) { return a.second < b.second; });
        auto [it, fresh] = rule_ids.emplace(best->first, uint32_t(m.rules.size()));
        if (fresh) m.rules.push_back(best->first);
        m.lemma_rules.emplace(rule_key(key.first, key.second), it->second);
    }
    for (const auto& [key, ls] : lemmas) {
        const auto& [form, xpos] = key;
        std::string lemma = std::max_element(ls.begin(), ls.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
        std::string base = keeps_case(xpos) ? form : lower_ascii(form);
        if (apply_rules(m, xpos, base) != lemma) m.lemma_lex.emplace(lex_key(form, xpos), lemma);
    }
    if (opt.verbose)
        std::cerr << "tagger: " << m.labels.size() << " labels, " << m.weights.features() << " features, "
                  << m.weights.entries() << " weights, " << m.tagdict.size() << " tag-dictionary words, "
                  << m.rules.size() << " lemma rules, " << m.lemma_lex.size() << " lexicon lemmas\n";
    if (dev) {
        std::vector<ConllSentence> pred = *dev;
        annotate_sentences(pred, m, nullptr);
        Scores sc = score_sentences(*dev, pred);
        if (opt.verbose)
            std::cerr << "tagger dev: UPOS " << sc.pct(sc.upos) << " XPOS " << sc.pct(sc.xpos) << " lemma "
                      << sc.pct(sc.lemma) << " (" << sc.words << " words)\n";
    }
    return m;
}

namespace {
// Format 3 appends the word-cluster table. Format 2 files (no clusters) still load and tag:
// their weights hold no cluster features, so the features of an empty table add nothing.
constexpr std::string_view kTaggerMagic = "PARLEY-TAGGER-3\n";
constexpr std::string_view kTaggerMagicV2 = "PARLEY-TAGGER-2\n";

// The magic at the start of a file (empty when unreadable; open_model_file reports why).
std::string file_magic(const std::string& path, size_t n) {
    std::ifstream f(path, std::ios::binary);
    std::string head(n, '\0');
    if (!f.read(head.data(), std::streamsize(n))) return {};
    return head;
}
}  // namespace

void save_tagger(const TaggerModel& m, const std::string& path) {
    std::ostringstream o(std::ios::binary);
    put_u32(o, uint32_t(m.labels.size()));
    for (const auto& l : m.labels) put_str(o, l);
    std::vector<std::pair<uint64_t, uint16_t>> td(m.tagdict.begin(), m.tagdict.end());
    std::sort(td.begin(), td.end());
    put_u32(o, uint32_t(td.size()));
    for (auto [k, v] : td) {
        put_u64(o, k);
        put_u32(o, v);
    }
    put_u32(o, uint32_t(m.rules.size()));
    for (const auto& [strip, app] : m.rules) {
        put_u32(o, strip);
        put_str(o, app);
    }
    std::vector<std::pair<uint64_t, uint32_t>> lr(m.lemma_rules.begin(), m.lemma_rules.end());
    std::sort(lr.begin(), lr.end());
    put_u32(o, uint32_t(lr.size()));
    for (auto [k, v] : lr) {
        put_u64(o, k);
        put_u32(o, v);
    }
    std::vector<std::pair<uint64_t, std::string>> lex(m.lemma_lex.begin(), m.lemma_lex.end());
    std::sort(lex.begin(), lex.end());
    put_u32(o, uint32_t(lex.size()));
    for (const auto& [k, v] : lex) {
        put_u64(o, k);
        put_str(o, v);
    }
    m.weights.write(o);
    m.lexicon.write(o);
    put_u32(o, uint32_t(m.lexicon_endings.size()));
    for (const auto& [end, rep] : m.lexicon_endings) {
        put_str(o, end);
        put_str(o, rep);
    }
    m.clusters.write(o);
    write_model_file(path, kTaggerMagic, o.str());
}

TaggerModel load_tagger(const std::string& path) {
    bool v2 = file_magic(path, kTaggerMagicV2.size()) == kTaggerMagicV2;
    ByteReader in = open_model_file(path, v2 ? kTaggerMagicV2 : kTaggerMagic);
    TaggerModel m;
    auto count = [&](uint32_t limit) {
        uint32_t n = in.u32();
        if (n > limit) throw InputError(path, "model file corrupt (count too large)");
        return n;
    };
    uint32_t nl = count(255);
    for (uint32_t i = 0; i < nl; ++i) {
        std::string l = in.str();
        size_t tab = l.find('\t');
        if (tab == std::string::npos) throw InputError(path, "model file corrupt (label)");
        m.upos.push_back(l.substr(0, tab));
        m.xpos.push_back(l.substr(tab + 1));
        m.labels.push_back(std::move(l));
    }
    uint32_t nt = count(1U << 24);
    m.tagdict.reserve(nt);
    for (uint32_t i = 0; i < nt; ++i) {
        uint64_t k = in.u64();
        uint32_t v = in.u32();
        if (v >= nl) throw InputError(path, "model file corrupt (tag dictionary)");
        m.tagdict.emplace(k, uint16_t(v));
    }
    uint32_t nr = count(1U << 24);
    for (uint32_t i = 0; i < nr; ++i) {
        uint32_t strip = in.u32();
        m.rules.emplace_back(uint8_t(std::min<uint32_t>(strip, 255)), in.str());
    }
    uint32_t nk = count(1U << 24);
    m.lemma_rules.reserve(nk);
    for (uint32_t i = 0; i < nk; ++i) {
        uint64_t k = in.u64();
        uint32_t v = in.u32();
        if (v >= nr) throw InputError(path, "model file corrupt (lemma rule)");
        m.lemma_rules.emplace(k, v);
    }
    uint32_t nx = count(1U << 24);
    m.lemma_lex.reserve(nx);
    for (uint32_t i = 0; i < nx; ++i) {
        uint64_t k = in.u64();
        m.lemma_lex.emplace(k, in.str());
    }
    m.weights.read(in);
    if (m.weights.classes() != int(nl)) throw InputError(path, "model file corrupt (class count)");
    m.lexicon.read(in);
    uint32_t ne = count(1024);
    for (uint32_t i = 0; i < ne; ++i) {
        std::string end = in.str();
        m.lexicon_endings.emplace_back(std::move(end), in.str());
    }
    if (!v2) m.clusters.read(in);
    return m;
}

}  // namespace parley::text
