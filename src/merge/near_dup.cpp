// Near-duplicate documents: MinHash signatures over word 5-shingles, and locality-sensitive
// hashing (32 bands of 2 rows) so only documents sharing a band are compared. Reprints of a
// wire story share nearly all shingles; light rewrites still share a good part.
#include <xxhash.h>

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "merge/merge.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

constexpr size_t kShingle = 5;

// Lower-cased ASCII words (other bytes kept as they are): enough for shingling English news.
std::vector<std::string_view> words_of(std::string_view text, std::string& buf) {
    buf.clear();
    buf.reserve(text.size());
    for (char c : text) {
        unsigned char u = static_cast<unsigned char>(c);
        buf += std::isalnum(u) || u >= 0x80 ? char(std::tolower(u)) : ' ';
    }
    std::vector<std::string_view> out;
    std::string_view b(buf);
    size_t i = 0;
    while (i < b.size()) {
        while (i < b.size() && b[i] == ' ') ++i;
        size_t s = i;
        while (i < b.size() && b[i] != ' ') ++i;
        if (i > s) out.push_back(b.substr(s, i - s));
    }
    return out;
}

}  // namespace

MinHash minhash(std::string_view text) {
    MinHash sig;
    sig.fill(std::numeric_limits<uint32_t>::max());
    std::string buf;
    auto words = words_of(text, buf);
    if (words.empty()) return sig;
    size_t n = words.size() < kShingle ? 1 : words.size() - kShingle + 1;
    for (size_t i = 0; i < n; ++i) {
        // hash the shingle once, then derive the k hash functions from it (h1 + k*h2)
        size_t len = std::min(kShingle, words.size() - i);
        std::string_view first = words[i], last = words[i + len - 1];
        std::string_view sh(first.data(), size_t(last.data() + last.size() - first.data()));
        uint64_t h = XXH3_64bits(sh.data(), sh.size());
        uint32_t h1 = uint32_t(h), h2 = uint32_t(h >> 32) | 1U;
        for (size_t k = 0; k < sig.size(); ++k) sig[k] = std::min(sig[k], h1 + uint32_t(k) * h2);
    }
    return sig;
}

double jaccard_estimate(const MinHash& a, const MinHash& b) {
    size_t same = 0;
    for (size_t k = 0; k < a.size(); ++k) same += a[k] == b[k] && a[k] != std::numeric_limits<uint32_t>::max();
    return double(same) / double(a.size());
}

std::vector<uint64_t> minhash_bands(const MinHash& sig) {
    std::vector<uint64_t> bands;
    constexpr size_t rows = kMinHashSize / kMinHashBands;
    for (size_t b = 0; b < kMinHashBands; ++b) {
        uint64_t h = XXH3_64bits_withSeed(sig.data() + b * rows, rows * sizeof(uint32_t), b);
        bands.push_back(h & 0x7FFFFFFFFFFFFFFFULL);  // fits SQLite's signed integers
    }
    return bands;
}

std::vector<size_t> near_duplicate_groups(const std::vector<MinHash>& sigs, double threshold) {
    std::vector<size_t> group(sigs.size());
    for (size_t i = 0; i < sigs.size(); ++i) group[i] = i;
    auto find = [&](size_t x) {
        while (group[x] != x) x = group[x] = group[group[x]];
        return x;
    };
    std::unordered_map<uint64_t, std::vector<size_t>> buckets;
    for (size_t i = 0; i < sigs.size(); ++i)
        for (uint64_t b : minhash_bands(sigs[i])) buckets[b].push_back(i);
    for (auto& [b, members] : buckets)
        for (size_t x = 1; x < members.size(); ++x) {
            size_t i = members[0], j = members[x];
            if (find(i) == find(j)) continue;
            if (jaccard_estimate(sigs[i], sigs[j]) < threshold) continue;
            size_t ri = find(i), rj = find(j);
            group[std::max(ri, rj)] = std::min(ri, rj);  // the earliest document leads
        }
    for (size_t i = 0; i < sigs.size(); ++i) group[i] = find(i);
    return group;
}

}  // namespace parley
