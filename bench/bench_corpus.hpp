// The articles every stage benchmark runs over: ../shared/corpus/dev when it is there, else
// the sample corpus in examples/, ingested once per process.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/ingest.hpp"

namespace parley::bench {

inline std::string corpus_dir() {
    std::string dev = std::string(PARLEY_SHARED_DIR) + "/corpus/dev";
    return std::filesystem::is_directory(dev) ? dev : std::string(PARLEY_SOURCE_DIR) + "/examples";
}

// As ingested (raw input and metadata), in file-name order.
inline const std::vector<Document>& ingested_documents() {
    static const std::vector<Document> docs = [] {
        std::vector<Document> out;
        ingest_paths({corpus_dir()}, [&](Document&& d) { out.push_back(std::move(d)); },
                     [](const IngestProblem&) {});
        return out;
    }();
    return docs;
}

inline size_t raw_bytes() {
    size_t n = 0;
    for (const Document& d : ingested_documents()) n += d.raw.size();
    return n;
}

}  // namespace parley::bench
