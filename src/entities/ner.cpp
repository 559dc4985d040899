// Structured-perceptron NER: features, Viterbi decoding, training, model file, CoNLL I/O.
#include "entities/ner.hpp"
#include "model/document.hpp"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "entities/entities.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

// FNV-1a over a feature template id and its value: no string building on the hot path.
struct Hasher {
    uint64_t h = 1469598103934665603ULL;
    Hasher& add(std::string_view s) {
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        h ^= 0xff;  // separator, so ("ab","c") != ("a","bc")
        h *= 1099511628211ULL;
        return *this;
    }
    Hasher& add(uint64_t v) {
        for (int i = 0; i < 8; ++i) {
            h ^= (v >> (8 * i)) & 0xff;
            h *= 1099511628211ULL;
        }
        return *this;
    }
};

std::string lower(std::string_view w) {
    std::string s(w);
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// "Lavrov" -> "Xx", "U.S." -> "X.X.", "2022" -> "d", "@user" -> "@x"; runs collapsed.
std::string shape(std::string_view w) {
    std::string s;
    for (unsigned char c : w) {
        char k = std::isupper(c) ? 'X' : std::islower(c) ? 'x' : std::isdigit(c) ? 'd' : c >= 0x80 ? 'u' : char(c);
        if (s.empty() || s.back() != k) s += k;
        if (s.size() >= 6) break;
    }
    return s;
}

// Per-token hashes, computed once; every feature is a cheap mix of a template id and these.
struct TokenHashes {
    uint64_t low = 0, shape = 0, pre3 = 0, suf3 = 0, suf2 = 0, len = 0, gaz = 0;
    uint64_t cl = 0, cl4 = 0, cl8 = 0;  // word-cluster code and two coarser prefixes
};

uint64_t hash_str(std::string_view s) { return Hasher().add(s).h; }

inline uint64_t mix(uint64_t a, uint64_t b) {
    uint64_t h = (a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2))) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 33);
}

// Feature buckets of every token in a sentence.
std::vector<std::vector<uint32_t>> featurise(const std::vector<std::string_view>& words,
                                             const std::vector<GazClass>& gaz, std::span<const uint16_t> clusters,
                                             uint32_t bits) {
    const size_t n = words.size();
    std::vector<TokenHashes> th(n + 4);  // two pads each side
    const TokenHashes pad{hash_str("<pad>"), hash_str("<pad>"), 0, 0, 0, 0, 0};
    th[0] = th[1] = th[n + 2] = th[n + 3] = pad;
    std::string low;
    for (size_t i = 0; i < n; ++i) {
        low = lower(words[i]);
        std::string_view lv = low;
        TokenHashes& t = th[i + 2];
        t.low = hash_str(lv);
        t.shape = hash_str(shape(words[i]));
        t.pre3 = hash_str(lv.substr(0, 3));
        t.suf3 = hash_str(lv.size() > 3 ? lv.substr(lv.size() - 3) : lv);
        t.suf2 = hash_str(lv.size() > 2 ? lv.substr(lv.size() - 2) : lv);
        t.len = words[i].size() > 8 ? 9 : words[i].size();
        t.gaz = i < gaz.size() ? uint64_t(gaz[i]) + 1 : 1;
        // Clusters carry what the few annotated sentences cannot: that an unseen word is used
        // like a surname, a city or a company (wikigold F1 +0.12 when they were added).
        uint16_t c = i < clusters.size() ? clusters[i] : 0;
        t.cl = c;
        t.cl4 = cluster_prefix(c, 4);
        t.cl8 = cluster_prefix(c, 8);
    }
    const uint64_t mask = (uint64_t(1) << bits) - 1;
    std::vector<std::vector<uint32_t>> out(n);
    for (size_t i = 0; i < n; ++i) {
        const TokenHashes &p2 = th[i], &p1 = th[i + 1], &t = th[i + 2], &n1 = th[i + 3], &n2 = th[i + 4];
        const uint64_t f[] = {
            mix(0, 0),
            mix(1, t.low),
            mix(2, t.shape),
            mix(3, t.pre3),
            mix(4, t.suf3),
            mix(5, t.suf2),
            mix(6, p1.low),
            mix(7, n1.low),
            mix(8, p2.low),
            mix(9, n2.low),
            mix(10, p1.shape),
            mix(11, n1.shape),
            mix(12, t.gaz),
            mix(13, p1.gaz),
            mix(14, n1.gaz),
            mix(mix(15, t.gaz), t.shape),
            mix(mix(16, i == 0), t.shape),
            mix(mix(17, p1.low), t.low),
            mix(mix(18, t.low), n1.low),
            mix(mix(mix(19, p1.shape), t.shape), n1.shape),
            mix(mix(20, t.len), t.shape),
            mix(21, t.cl),
            mix(22, t.cl4),
            mix(23, t.cl8),
            mix(24, p1.cl),
            mix(25, n1.cl),
            mix(mix(26, t.cl), t.shape),
        };
        auto& v = out[i];
        v.reserve(std::size(f));
        for (uint64_t h : f) v.push_back(uint32_t(h & mask));
    }
    return out;
}

// Viterbi over first-order label transitions.
std::vector<int> viterbi(const NerModel& m, const std::vector<std::vector<uint32_t>>& feats) {
    const size_t n = feats.size(), L = m.n_labels();
    std::vector<int> best(n);
    if (n == 0) return best;
    std::vector<float> score(n * L), em(L);
    std::vector<int> back(n * L, 0);
    for (size_t i = 0; i < n; ++i) {
        std::fill(em.begin(), em.end(), 0.0F);
        for (uint32_t b : feats[i]) {
            const float* w = &m.emit[size_t(b) * L];
            for (size_t l = 0; l < L; ++l) em[l] += w[l];
        }
        for (size_t l = 0; l < L; ++l) {
            if (i == 0) {
                score[l] = em[l] + m.trans[l];
                continue;
            }
            float bs = -1e30F;
            int bp = 0;
            for (size_t p = 0; p < L; ++p) {
                float s = score[(i - 1) * L + p] + m.trans[(p + 1) * L + l];
                if (s > bs) {
                    bs = s;
                    bp = int(p);
                }
            }
            score[i * L + l] = bs + em[l];
            back[i * L + l] = bp;
        }
    }
    int b = 0;
    for (size_t l = 1; l < L; ++l)
        if (score[(n - 1) * L + l] > score[(n - 1) * L + size_t(b)]) b = int(l);
    for (size_t i = n; i-- > 0;) {
        best[i] = b;
        if (i > 0) b = back[i * L + size_t(b)];
    }
    return best;
}

std::vector<std::string_view> views(const std::vector<std::string>& w) {
    return std::vector<std::string_view>(w.begin(), w.end());
}

}  // namespace

GazClass gazetteer_class(const Kb& kb, std::span<const AliasTarget> targets) {
    auto rank = [](GazClass c) {
        switch (c) {
            case GazClass::country: return 7;
            case GazClass::demonym: return 6;
            case GazClass::title: return 5;
            case GazClass::metonym: return 4;
            case GazClass::place: return 3;
            case GazClass::person: return 2;
            case GazClass::org: return 1;
            default: return 0;
        }
    };
    GazClass g = GazClass::none;
    for (const AliasTarget& t : targets) {
        GazClass c = GazClass::none;
        switch (t.kind) {
            case AliasTarget::actor: c = kb.actors[t.index].type == "ORG" ? GazClass::org : GazClass::person; break;
            case AliasTarget::country: c = GazClass::country; break;
            case AliasTarget::demonym: c = GazClass::demonym; break;
            case AliasTarget::metonym:
            case AliasTarget::capital: c = GazClass::metonym; break;
            case AliasTarget::place: c = GazClass::place; break;
            case AliasTarget::role_title: c = GazClass::title; break;
        }
        if (rank(c) > rank(g)) g = c;
    }
    return g;
}

std::vector<GazClass> ner_gazetteer_keys(const Kb& kb, const std::string* keys, size_t n) {
    std::vector<GazClass> out(n, GazClass::none);
    std::string k;
    for (size_t i = 0; i < n;) {
        size_t best_end = i;
        const Kb::AliasEntry* hit = nullptr;
        if (!keys[i].empty()) {
            k.clear();
            for (size_t j = i; j < n && j < i + kb.max_alias_words; ++j) {
                if (keys[j].empty()) break;
                if (!k.empty()) k += ' ';
                k += keys[j];
                const Kb::AliasEntry* it = kb.aliases.find(k);
                if (!it) break;
                if (!it->targets.empty()) {
                    hit = it;
                    best_end = j;
                }
                if (!it->prefix) break;
            }
        }
        if (!hit) {
            ++i;
            continue;
        }
        for (size_t j = i; j <= best_end; ++j) out[j] = GazClass(hit->gaz);
        i = best_end + 1;
    }
    return out;
}

std::vector<GazClass> ner_gazetteer(const Kb& kb, const std::vector<std::string_view>& words) {
    std::vector<std::string> keys(words.size());
    for (size_t i = 0; i < words.size(); ++i) keys[i] = alias_key(words[i]);
    return ner_gazetteer_keys(kb, keys.data(), keys.size());
}

std::vector<std::string> ner_tag(const NerModel& m, const std::vector<std::string_view>& words,
                                 const std::vector<GazClass>& gaz, std::span<const uint16_t> clusters) {
    auto best = viterbi(m, featurise(words, gaz, clusters, m.bits));
    std::vector<std::string> tags(best.size());
    for (size_t i = 0; i < best.size(); ++i) tags[i] = m.labels[size_t(best[i])];
    return tags;
}

bool ner_candidate(std::string_view w) {
    if (w.empty()) return false;
    auto c = static_cast<unsigned char>(w[0]);
    return std::isupper(c) || c >= 0x80 || c == '@' || c == '#';
}

std::vector<std::string> ner_tag_windows(const NerModel& m, const std::vector<std::string_view>& words,
                                         const std::vector<GazClass>& gaz, const std::vector<bool>& candidate,
                                         std::span<const uint16_t> clusters) {
    const size_t n = words.size();
    std::vector<std::string> tags(n, "O");
    size_t i = 0;
    while (i < n) {
        if (!candidate[i]) {
            ++i;
            continue;
        }
        size_t a = i, b = i;
        for (size_t j = i + 1; j < n && j <= b + 4; ++j)
            if (candidate[j]) b = j;
        size_t lo = a >= 2 ? a - 2 : 0, hi = std::min(n - 1, b + 2);
        std::vector<std::string_view> w(words.begin() + long(lo), words.begin() + long(hi) + 1);
        std::vector<GazClass> g(gaz.begin() + long(lo), gaz.begin() + long(hi) + 1);
        auto t = ner_tag(m, w, g, clusters.size() == n ? clusters.subspan(lo, hi + 1 - lo) : std::span<const uint16_t>{});
        // an entity that goes on past the last candidate ("Lake" + "Geneva") keeps its tail
        while (b < hi && t[b + 1 - lo].size() > 2 && t[b + 1 - lo][0] == 'I') ++b;
        for (size_t k = a; k <= b; ++k) tags[k] = std::move(t[k - lo]);
        // an entity may not start on a context word: an I- after a context O becomes B-
        if (tags[a].size() > 2 && tags[a][0] == 'I') tags[a][0] = 'B';
        i = b + 1;
    }
    return tags;
}

std::vector<NerSpan> ner_spans(const std::vector<std::string>& tags) {
    std::vector<NerSpan> out;
    for (uint32_t i = 0; i < tags.size(); ++i) {
        const std::string& t = tags[i];
        if (t.size() < 3) continue;
        std::string type = t.substr(2);
        bool cont = t[0] == 'I' && !out.empty() && out.back().last + 1 == i && out.back().type == type;
        if (cont)
            out.back().last = i;
        else
            out.push_back({i, i, type});
    }
    return out;
}

void ner_score(const std::vector<std::string>& gold, const std::vector<std::string>& pred, NerScore& s) {
    auto g = ner_spans(gold), p = ner_spans(pred);
    auto same = [](const NerSpan& a, const NerSpan& b) { return a.first == b.first && a.last == b.last && a.type == b.type; };
    for (const auto& x : p) {
        bool hit = std::any_of(g.begin(), g.end(), [&](const NerSpan& y) { return same(x, y); });
        hit ? ++s.tp : ++s.fp;
    }
    for (const auto& y : g)
        if (std::none_of(p.begin(), p.end(), [&](const NerSpan& x) { return same(x, y); })) ++s.fn;
}

NerModel ner_train(const std::vector<NerSentence>& train, const NerTrainOptions& opt,
                   void (*progress)(int, double)) {
    NerModel m;
    m.bits = opt.bits;
    m.labels = {"O"};
    for (const auto& s : train)
        for (const auto& t : s.tags)
            if (std::find(m.labels.begin(), m.labels.end(), t) == m.labels.end()) m.labels.push_back(t);
    std::sort(m.labels.begin() + 1, m.labels.end());
    const size_t L = m.n_labels();
    m.emit.assign((size_t(1) << m.bits) * L, 0.0F);
    m.trans.assign((L + 1) * L, 0.0F);
    // Averaging: w_avg = w - acc / c, where acc sums c * delta of every update.
    std::vector<double> acc_emit(m.emit.size(), 0.0), acc_trans(m.trans.size(), 0.0);
    double c = 1;

    std::vector<std::vector<std::vector<uint32_t>>> feats(train.size());
    std::vector<std::vector<int>> gold(train.size());
    for (size_t k = 0; k < train.size(); ++k) {
        feats[k] = featurise(views(train[k].words), train[k].gaz, train[k].clusters, m.bits);
        for (const auto& t : train[k].tags)
            gold[k].push_back(int(std::find(m.labels.begin(), m.labels.end(), t) - m.labels.begin()));
    }
    std::vector<size_t> order(train.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(opt.seed);
    for (int ep = 0; ep < opt.epochs; ++ep) {
        std::shuffle(order.begin(), order.end(), rng);
        size_t right = 0, total = 0;
        for (size_t k : order) {
            auto pred = viterbi(m, feats[k]);
            const auto& g = gold[k];
            for (size_t i = 0; i < g.size(); ++i) {
                ++total;
                if (pred[i] == g[i]) {
                    ++right;
                    continue;
                }
                for (uint32_t b : feats[k][i]) {
                    size_t gi = size_t(b) * L + size_t(g[i]), pi = size_t(b) * L + size_t(pred[i]);
                    m.emit[gi] += 1;
                    acc_emit[gi] += c;
                    m.emit[pi] -= 1;
                    acc_emit[pi] -= c;
                }
            }
            for (size_t i = 0; i < g.size(); ++i) {
                int gp = i ? g[i - 1] : -1, pp = i ? pred[i - 1] : -1;
                if (gp == pp && g[i] == pred[i]) continue;
                size_t gi = size_t(gp + 1) * L + size_t(g[i]), pi = size_t(pp + 1) * L + size_t(pred[i]);
                m.trans[gi] += 1;
                acc_trans[gi] += c;
                m.trans[pi] -= 1;
                acc_trans[pi] -= c;
            }
            c += 1;
        }
        if (progress) progress(ep + 1, total ? double(right) / double(total) : 0.0);
    }
    for (size_t i = 0; i < m.emit.size(); ++i) m.emit[i] = float(m.emit[i] - acc_emit[i] / c);
    for (size_t i = 0; i < m.trans.size(); ++i) m.trans[i] = float(m.trans[i] - acc_trans[i] / c);
    return m;
}

void ner_save(const NerModel& m, const std::string& path) {
    float maxabs = 1e-9F;
    for (float w : m.emit) maxabs = std::max(maxabs, std::fabs(w));
    const float scale = maxabs / 32767.0F;
    std::vector<int16_t> q(m.emit.size());
    for (size_t i = 0; i < q.size(); ++i) q[i] = int16_t(std::lround(m.emit[i] / scale));
    uLongf clen = compressBound(uLong(q.size() * sizeof(int16_t)));
    std::string comp(clen, '\0');
    if (compress2(reinterpret_cast<Bytef*>(comp.data()), &clen, reinterpret_cast<const Bytef*>(q.data()),
                  uLong(q.size() * sizeof(int16_t)), 9) != Z_OK)
        throw std::runtime_error("ner_save: compression failed");
    comp.resize(clen);
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::runtime_error("ner_save: cannot write " + path);
    out << "PNER2\n" << m.bits << ' ' << m.labels.size();
    for (const auto& l : m.labels) out << ' ' << l;
    out << '\n';
    out.precision(9);
    out << scale << '\n';
    for (size_t i = 0; i < m.trans.size(); ++i) out << m.trans[i] << (i + 1 < m.trans.size() ? ' ' : '\n');
    out << comp.size() << '\n';
    out.write(comp.data(), std::streamsize(comp.size()));
}

std::shared_ptr<const NerModel> ner_load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("NER model not found: " + path);
    auto bad = [&](const std::string& why) { return std::runtime_error("NER model " + path + ": " + why); };
    std::string magic;
    std::getline(in, magic);
    if (magic == "PNER1") throw bad("NER model of an older format (before word-cluster features): retrain it");
    if (magic != "PNER2") throw bad("not a parley NER model (bad magic)");
    auto m = std::make_shared<NerModel>();
    size_t nl = 0;
    if (!(in >> m->bits >> nl) || m->bits < 8 || m->bits > 24 || nl < 1 || nl > 64) throw bad("bad header");
    m->labels.resize(nl);
    for (auto& l : m->labels)
        if (!(in >> l)) throw bad("truncated label list");
    float scale = 0;
    if (!(in >> scale) || !std::isfinite(scale)) throw bad("bad scale");
    m->trans.resize((nl + 1) * nl);
    for (auto& t : m->trans)
        if (!(in >> t)) throw bad("truncated transitions");
    size_t clen = 0;
    if (!(in >> clen) || clen > (size_t(1) << 28)) throw bad("bad weight block size");
    in.get();  // the newline
    std::string comp(clen, '\0');
    if (!in.read(comp.data(), std::streamsize(clen))) throw bad("truncated weights");
    std::vector<int16_t> q((size_t(1) << m->bits) * nl);
    uLongf rawlen = uLongf(q.size() * sizeof(int16_t));
    if (uncompress(reinterpret_cast<Bytef*>(q.data()), &rawlen, reinterpret_cast<const Bytef*>(comp.data()),
                   uLong(clen)) != Z_OK ||
        rawlen != q.size() * sizeof(int16_t))
        throw bad("corrupt weights");
    m->emit.resize(q.size());
    for (size_t i = 0; i < q.size(); ++i) m->emit[i] = float(q[i]) * scale;
    return m;
}

std::vector<NerSentence> ner_read_conll(const std::string& path, std::vector<int>* doc_of) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<NerSentence> out;
    NerSentence cur;
    int doc = 0;
    auto flush = [&] {
        if (!cur.words.empty()) {
            out.push_back(std::move(cur));
            if (doc_of) doc_of->push_back(doc);
        }
        cur = NerSentence();
    };
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string_view t = trim(line);
        if (t.empty()) {
            flush();
            continue;
        }
        size_t sep = t.find_last_of(" \t");
        if (sep == std::string_view::npos) continue;
        std::string word(trim(t.substr(0, sep))), tag(trim(t.substr(sep + 1)));
        if (word == "-DOCSTART-") {
            flush();
            ++doc;
            continue;
        }
        cur.words.push_back(word);
        cur.tags.push_back(tag);
    }
    flush();
    return out;
}

}  // namespace parley
