// CoNLL-U I/O, the averaged perceptron, its quantised inference form and the model file
// container shared by the tagger and the parser.
#include "text/learn.hpp"

#include <sys/mman.h>
#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <ostream>
#include <sstream>

#include "util/util.hpp"

namespace parley::text {

uint64_t str_id(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

// ---------------------------------------------------------------- CoNLL-U

std::vector<ConllSentence> parse_conllu(std::string_view data, const std::string& where) {
    std::vector<ConllSentence> out;
    ConllSentence cur;
    std::vector<int> raw_heads;
    size_t line_no = 0;
    auto flush = [&] {
        if (cur.words.empty()) {
            cur.comments.clear();
            return;
        }
        // Word ids are 1..n in order once ranges and empty nodes are skipped.
        for (size_t i = 0; i < cur.words.size(); ++i) {
            int h = raw_heads[i];
            if (h > int(cur.words.size()))
                throw InputError(where, "sentence ending at line " + std::to_string(line_no) + ": head " +
                                            std::to_string(h) + " out of range");
            cur.words[i].head = h - 1;  // 0 -> -1 (root); also "_" (-1) stays unknown as -2
            if (h < 0) cur.words[i].head = -2;
        }
        out.push_back(std::move(cur));
        cur = ConllSentence{};
        raw_heads.clear();
    };
    size_t pos = 0;
    while (pos <= data.size()) {
        size_t nl = data.find('\n', pos);
        if (nl == std::string_view::npos) nl = data.size();
        std::string_view line = data.substr(pos, nl - pos);
        pos = nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) {
            flush();
            if (nl >= data.size()) break;
            continue;
        }
        if (line[0] == '#') {
            cur.comments.emplace_back(line);
            continue;
        }
        auto cols = split(line, '\t');
        if (cols.size() != 10)
            throw InputError(where + ":" + std::to_string(line_no),
                             "expected 10 tab-separated columns, found " + std::to_string(cols.size()));
        std::string_view id = cols[0];
        if (id.find('-') != std::string_view::npos || id.find('.') != std::string_view::npos) continue;
        int expect = int(cur.words.size()) + 1;
        if (id != std::to_string(expect))
            throw InputError(where + ":" + std::to_string(line_no),
                             "word id " + std::string(id) + " where " + std::to_string(expect) + " was expected");
        Word w;
        w.form = cols[1];
        w.lemma = cols[2];
        w.upos = cols[3];
        w.xpos = cols[4];
        w.feats = cols[5];
        w.deprel = cols[7];
        w.misc = cols[9];
        int h = -1;
        if (cols[6] != "_") {
            h = 0;
            for (char c : cols[6]) {
                if (c < '0' || c > '9' || h > 100000)
                    throw InputError(where + ":" + std::to_string(line_no), "bad HEAD '" + std::string(cols[6]) + "'");
                h = h * 10 + (c - '0');
            }
        }
        raw_heads.push_back(h);
        cur.words.push_back(std::move(w));
        if (nl >= data.size()) break;
    }
    flush();
    return out;
}

std::vector<ConllSentence> read_conllu(const std::string& path) {
    std::string data = read_file(path);
    if (auto bad = find_invalid_utf8(data)) throw InputError(path + "@" + std::to_string(*bad), "invalid UTF-8");
    return parse_conllu(data, path);
}

void write_conllu(std::ostream& out, const ConllSentence& s) {
    auto f = [](const std::string& x) -> const std::string& {
        static const std::string u = "_";
        return x.empty() ? u : x;
    };
    for (const auto& c : s.comments) out << c << '\n';
    for (size_t i = 0; i < s.words.size(); ++i) {
        const Word& w = s.words[i];
        out << i + 1 << '\t' << w.form << '\t' << f(w.lemma) << '\t' << f(w.upos) << '\t' << f(w.xpos) << '\t'
            << f(w.feats) << '\t';
        if (w.head == -2)
            out << '_';
        else
            out << w.head + 1;
        out << '\t' << f(w.deprel) << "\t_\t" << f(w.misc) << '\n';
    }
    out << '\n';
}

// ---------------------------------------------------------------- perceptron

void Perceptron::score(const std::vector<uint64_t>& feats, std::vector<float>& scores) const {
    for (uint64_t f : feats) {
        auto it = w_.find(f);
        if (it == w_.end()) continue;
        for (const Slot& s : it->second) scores[s.cls] += s.w;
    }
}

void Perceptron::bump(std::vector<Slot>& slots, int cls, float delta) {
    Slot* s = nullptr;
    for (Slot& x : slots)
        if (x.cls == cls) s = &x;
    if (!s) {
        slots.push_back({uint16_t(cls), 0.0F, 0.0, now_});
        s = &slots.back();
    }
    s->total += double(now_ - s->stamp) * s->w;
    s->stamp = now_;
    s->w += delta;
}

void Perceptron::update(const std::vector<uint64_t>& feats, int gold, int guess) {
    if (gold == guess) return;
    for (uint64_t f : feats) {
        auto& slots = w_[f];  // one map lookup for both classes
        bump(slots, gold, 1.0F);
        bump(slots, guess, -1.0F);
    }
}

void Perceptron::add(const std::vector<uint64_t>& feats, int cls, float delta) {
    for (uint64_t f : feats) bump(w_[f], cls, delta);
}

std::unordered_map<uint64_t, std::vector<Perceptron::Entry>> Perceptron::averaged() const {
    std::unordered_map<uint64_t, std::vector<Entry>> out;
    out.reserve(w_.size());
    double T = double(std::max<uint64_t>(now_, 1));
    for (const auto& [k, slots] : w_) {
        std::vector<Entry> v;
        for (const Slot& s : slots) {
            double total = s.total + double(now_ - s.stamp) * s.w;
            float avg = float(total / T);
            if (avg != 0.0F) v.push_back({s.cls, avg});
        }
        if (!v.empty()) out.emplace(k, std::move(v));
    }
    return out;
}

// ---------------------------------------------------------------- quantised weights

namespace {
// Dense row addition; built for AVX2 as well as the baseline so the wider vectors are used
// where the CPU has them (GCC function multi-versioning picks at load time).
__attribute__((target_clones("avx2", "default"))) void add_row(int32_t* __restrict scores,
                                                                const int16_t* __restrict row, size_t n) {
    for (size_t c = 0; c < n; ++c) scores[c] += row[c];
}

uint32_t fingerprint(uint64_t k) {
    uint32_t fp = uint32_t(k >> 32);
    return fp ? fp : 1;
}
}  // namespace

Weights Weights::from(const std::unordered_map<uint64_t, std::vector<Perceptron::Entry>>& avg, int n_classes,
                      float prune_below, size_t max_features) {
    Weights w;
    w.n_classes_ = n_classes;
    if (n_classes > 255) throw std::invalid_argument("weight table supports at most 255 classes");
    float maxabs = 0;
    for (const auto& [k, v] : avg)
        for (const auto& e : v) maxabs = std::max(maxabs, std::fabs(e.w));
    float scale = maxabs > 0 ? 32767.0F / maxabs : 1.0F;
    // Sort keys so the file (and thus its checksum) does not depend on hash-map order.
    std::vector<uint64_t> keys;
    keys.reserve(avg.size());
    for (const auto& kv : avg) keys.push_back(kv.first);
    std::sort(keys.begin(), keys.end());
    struct Kept {
        uint64_t key;
        int16_t peak;
        std::vector<Entry> run;
    };
    std::vector<Kept> kept;
    for (uint64_t k : keys) {
        Kept kp{k, 0, {}};
        for (const auto& e : avg.at(k)) {
            if (std::fabs(e.w) < prune_below) continue;
            long q = std::lround(double(e.w) * scale);
            if (q == 0) continue;
            auto qq = int16_t(std::clamp(q, -32767L, 32767L));
            kp.run.push_back({e.cls, qq});
            kp.peak = std::max<int16_t>(kp.peak, int16_t(std::abs(qq)));
        }
        if (kp.run.empty()) continue;
        std::sort(kp.run.begin(), kp.run.end(), [](const Entry& a, const Entry& b) { return a.cls < b.cls; });
        kept.push_back(std::move(kp));
    }
    if (kept.size() > max_features) {
        std::stable_sort(kept.begin(), kept.end(), [](const Kept& a, const Kept& b) { return a.peak > b.peak; });
        kept.resize(max_features);
        std::sort(kept.begin(), kept.end(), [](const Kept& a, const Kept& b) { return a.key < b.key; });
    }
    size_t cap = 16;
    while (cap < kept.size() * 4 / 3 + 1) cap <<= 1;  // load factor <= 3/4
    w.mask_ = cap - 1;
    w.slots_.assign(cap, Slot{});
    for (auto& kp : kept) {
        size_t i = kp.key & w.mask_;
        uint32_t fp = fingerprint(kp.key);
        while (w.slots_[i].fp != 0) i = (i + 1) & w.mask_;
        if (w.entries_.size() >= (size_t(1) << 24)) throw std::length_error("weight table too large");
        w.slots_[i] = {fp, uint32_t(w.entries_.size()) << 8 | uint32_t(kp.run.size())};
        for (const Entry& e : kp.run) w.entries_.push_back(e);
    }
    w.n_features_ = kept.size();
    w.build_cells();
    return w;
}

void Weights::build_cells() {
    cells_.assign(slots_.size(), Cell{});
    stride_ = (size_t(n_classes_) + 15) / 16 * 16;
    size_t rows = 0;
    for (const Slot& sl : slots_)
        if (sl.fp != 0 && (sl.run & 0xFF) > uint32_t(kInline)) ++rows;
    dense_.assign(rows * stride_, 0);
    uint32_t row = 0;
    for (size_t i = 0; i < slots_.size(); ++i) {
        const Slot& sl = slots_[i];
        Cell& c = cells_[i];
        c.fp = sl.fp;
        uint32_t start = sl.run >> 8, n = sl.run & 0xFF;
        c.n = uint8_t(n);
        if (n <= uint32_t(kInline)) {
            for (uint32_t x = 0; x < n; ++x) {
                c.cls[x] = uint8_t(entries_[start + x].cls);
                c.w[x] = entries_[start + x].w;
            }
        } else {
            int16_t* d = dense_.data() + size_t(row) * stride_;
            for (uint32_t x = 0; x < n; ++x) d[entries_[start + x].cls] = entries_[start + x].w;
            std::memcpy(c.cls, &row, sizeof row);
            ++row;
        }
    }
}

void Weights::score(const uint64_t* feats, size_t n, int32_t* scores) const {
    if (cells_.empty()) return;
    const Cell* cells = cells_.data();
    const int16_t* dense = dense_.data();
    const size_t stride = stride_;
    const size_t nc = size_t(n_classes_);
    // Touch every cell first so the cache misses overlap instead of queueing; runs too long
    // to sit in their cell are touched in a second round and added up last.
    for (size_t j = 0; j < n; ++j) __builtin_prefetch(cells + (feats[j] & mask_));
    constexpr size_t kBatch = 256;
    uint32_t spill[kBatch];
    for (size_t base = 0; base < n; base += kBatch) {
        size_t m = 0;
        for (size_t j = base; j < n && j < base + kBatch; ++j) {
            uint64_t k = feats[j];
            uint32_t fp = fingerprint(k);
            size_t i = k & mask_;
            while (true) {
                const Cell& c = cells[i];
                if (c.fp == fp) {
                    if (c.n <= kInline) {
                        for (int x = 0; x < c.n; ++x) scores[c.cls[x]] += c.w[x];
                    } else {
                        uint32_t row;
                        std::memcpy(&row, c.cls, sizeof row);
                        const int16_t* d = dense + size_t(row) * stride;
                        for (size_t off = 0; off < stride; off += 32) __builtin_prefetch(d + off);
                        spill[m++] = row;
                    }
                    break;
                }
                if (c.fp == 0) break;
                i = (i + 1) & mask_;
            }
        }
        for (size_t j = 0; j < m; ++j) {
            const int16_t* d = dense + size_t(spill[j]) * stride;
            add_row(scores, d, nc);
        }
    }
}

void put_u32(std::ostream& o, uint32_t v) { o.write(reinterpret_cast<const char*>(&v), 4); }
void put_u64(std::ostream& o, uint64_t v) { o.write(reinterpret_cast<const char*>(&v), 8); }
void put_str(std::ostream& o, std::string_view s) {
    put_u32(o, uint32_t(s.size()));
    o.write(s.data(), std::streamsize(s.size()));
}

std::string ByteReader::str() {
    uint32_t n = u32();
    if (n > (1U << 20)) fail("model file corrupt (string too long)");
    need(n);
    std::string out(data_.data() + pos_, n);
    pos_ += n;
    return out;
}

void ByteReader::fail(const std::string& why) const { throw InputError(where_, why); }

void* huge_page_alloc(size_t bytes) {
    constexpr size_t kHuge = size_t(2) << 20;
    if (bytes < kHuge) {
        void* p = std::malloc(std::max<size_t>(bytes, 1));
        if (!p) throw std::bad_alloc();
        return p;
    }
    size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* p = std::aligned_alloc(kHuge, rounded);
    if (!p) throw std::bad_alloc();
    madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure just means small pages
    return p;
}

template <class V>
void put_vec(std::ostream& o, const V& v) {
    put_u64(o, v.size());
    o.write(reinterpret_cast<const char*>(v.data()), std::streamsize(v.size() * sizeof(typename V::value_type)));
}
void Weights::write(std::ostream& out) const {
    put_u32(out, uint32_t(n_classes_));
    put_u64(out, n_features_);
    put_vec(out, slots_);
    put_vec(out, entries_);
}

void Weights::read(ByteReader& in) {
    constexpr uint64_t kMax = uint64_t(1) << 28;
    const std::string& where = in.where();
    n_classes_ = int(in.u32());
    n_features_ = in.u64();
    in.vec(slots_, kMax);
    in.vec(entries_, kMax);
    size_t cap = slots_.size();
    if (n_classes_ <= 0 || n_classes_ > 255 || cap == 0 || (cap & (cap - 1)) != 0)
        throw InputError(where, "model file corrupt (weight table shape)");
    mask_ = cap - 1;
    bool has_empty = false;
    for (const Slot& sl : slots_) {
        if (sl.fp == 0) {
            has_empty = true;
            continue;
        }
        if (uint64_t(sl.run >> 8) + (sl.run & 0xFF) > entries_.size())
            throw InputError(where, "model file corrupt (run bounds)");
    }
    // Scoring relies on an empty slot to stop probing and on classes being in range.
    if (!has_empty) throw InputError(where, "model file corrupt (full table)");
    for (const Entry& e : entries_)
        if (e.cls >= n_classes_) throw InputError(where, "model file corrupt (class out of range)");
    build_cells();
}

void write_model_file(const std::string& path, std::string_view magic, const std::string& payload) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw InputError(path, "cannot write model file");
    out.write(magic.data(), std::streamsize(magic.size()));
    put_u64(out, payload.size());
    out.write(payload.data(), std::streamsize(payload.size()));
    put_u64(out, XXH64(payload.data(), payload.size(), 0));
    if (!out) throw InputError(path, "write failed");
}

ByteReader open_model_file(const std::string& path, std::string_view magic) {
    // One sized read straight into the buffer (read_file's stream copy costs tens of ms here).
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    if (!f) throw InputError(path, "cannot open model file");
    std::streamoff size = f.tellg();
    if (size < 0 || size > (std::streamoff(1) << 31)) throw InputError(path, "model file size out of range");
    std::string data(size_t(size), '\0');
    f.seekg(0);
    if (size > 0 && !f.read(data.data(), size)) throw InputError(path, "cannot read model file");
    if (data.size() < magic.size() + 16 || std::string_view(data).substr(0, magic.size()) != magic)
        throw InputError(path, "not a parley model file of this kind (expected magic '" +
                                   std::string(magic.substr(0, magic.size() - 1)) + "')");
    uint64_t n = 0;
    std::memcpy(&n, data.data() + magic.size(), 8);
    if (n != data.size() - magic.size() - 16) throw InputError(path, "model file truncated or padded");
    uint64_t sum = 0;
    std::memcpy(&sum, data.data() + data.size() - 8, 8);
    size_t begin = magic.size() + 8;
    if (XXH64(data.data() + begin, n, 0) != sum) throw InputError(path, "model file checksum mismatch (corrupt file)");
    return ByteReader(std::move(data), begin, begin + n, path);
}

// ---------------------------------------------------------------- scoring

Scores score_sentences(const std::vector<ConllSentence>& gold, const std::vector<ConllSentence>& pred) {
    Scores s;
    for (size_t i = 0; i < gold.size() && i < pred.size(); ++i) {
        const auto& g = gold[i].words;
        const auto& p = pred[i].words;
        for (size_t j = 0; j < g.size() && j < p.size(); ++j) {
            ++s.words;
            s.upos += g[j].upos == p[j].upos;
            s.xpos += g[j].xpos == p[j].xpos;
            s.lemma += g[j].lemma == p[j].lemma;
            if (g[j].head == p[j].head) {
                ++s.uas;
                s.las += g[j].deprel == p[j].deprel;
                auto uni = [](const std::string& d) { return std::string_view(d).substr(0, d.find(':')); };
                s.las_universal += uni(g[j].deprel) == uni(p[j].deprel);
            }
        }
    }
    return s;
}

// ---------------------------------------------------------------- word tables

namespace {
constexpr uint64_t kWordKeyMask = ~uint64_t(0xFFFF);
}

uint16_t WordTable::find(std::string_view word) const {
    if (slots.empty()) return 0;
    uint64_t key = str_id(word);
    size_t mask = slots.size() - 1;
    // The slot index comes from the key's high bits, the low 16 bits carry the value.
    for (size_t i = size_t(key >> 40) & mask;; i = (i + 1) & mask) {
        uint64_t slot = slots[i];
        if (slot == 0) return 0;
        if ((slot & kWordKeyMask) == (key & kWordKeyMask)) return uint16_t(slot & 0xFFFF);
    }
}

WordTable WordTable::build(const std::vector<std::pair<uint64_t, uint16_t>>& entries) {
    WordTable t;
    if (entries.empty()) return t;
    size_t cap = 16;
    while (2 * cap < 3 * entries.size()) cap *= 2;
    t.slots.assign(cap, 0);
    for (auto [key, value] : entries) {
        if ((key & kWordKeyMask) == 0 || value == 0) continue;
        for (size_t i = size_t(key >> 40) & (cap - 1);; i = (i + 1) & (cap - 1)) {
            if (t.slots[i] == 0) {
                t.slots[i] = (key & kWordKeyMask) | value;
                ++t.words;
                break;
            }
            if ((t.slots[i] & kWordKeyMask) == (key & kWordKeyMask)) break;  // duplicate word
        }
    }
    return t;
}

void WordTable::write(std::ostream& out) const {
    put_u64(out, words);
    put_u64(out, slots.size());
    out.write(reinterpret_cast<const char*>(slots.data()), std::streamsize(slots.size() * sizeof(uint64_t)));
}

void WordTable::read(ByteReader& in) {
    words = in.u64();
    in.vec(slots, uint64_t(1) << 26);
    // Lookups stop at an empty slot: a table without one would never end a search.
    size_t filled = size_t(std::count_if(slots.begin(), slots.end(), [](uint64_t v) { return v != 0; }));
    if (!slots.empty() && ((slots.size() & (slots.size() - 1)) != 0 || filled != words || filled >= slots.size()))
        in.fail("model file corrupt (word table)");
}

uint16_t word_cluster(const WordTable& clusters, std::string_view form) {
    return clusters.find(to_lower_ascii(form));
}

WordTable load_word_clusters(const std::string& path, bool verbose) {
    std::vector<std::pair<uint64_t, uint16_t>> entries;
    for_each_tsv_row(path, [&](std::vector<std::string>& c, const std::vector<std::string>&) {
        if (c.size() < 2 || c[0].empty() || c[1].empty() || c[1].size() > 15) return;
        uint16_t code = 1;
        for (char ch : c[1]) {
            if (ch != '0' && ch != '1') return;
            code = uint16_t(code << 1 | (ch == '1'));
        }
        entries.emplace_back(str_id(c[0]), code);
    });
    WordTable t = WordTable::build(entries);
    if (verbose)
        std::cerr << "word clusters: " << t.words << " words"
                  << (t.empty() ? " (" + path + " missing or empty: no cluster features)" : "") << "\n";
    return t;
}

}  // namespace parley::text
