// ingest: turn paths (files, directories, `-` for stdin, .gz, JSONL, HTML, WARC) into
// Documents carrying raw input and metadata. No cleaning or analysis happens here.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "model/document.hpp"

namespace parley {

struct IngestProblem {
    std::string where;   // file, with ":line" or "@byte" when known
    std::string reason;
};

struct IngestOptions {
    size_t max_file_bytes = size_t(256) << 20;  // decompressed size limit per file
};

using DocumentSink = std::function<void(Document&&)>;
using ProblemSink = std::function<void(const IngestProblem&)>;

// Walk every path (directories recursively, in sorted order so runs are reproducible) and
// hand each document found to `on_doc`. Every failure goes to `on_problem` and the walk
// goes on. Returns the number of documents produced.
size_t ingest_paths(const std::vector<std::string>& paths, const DocumentSink& on_doc,
                    const ProblemSink& on_problem, const IngestOptions& opts = {});

// One in-memory input. `name` is the file name used as document id; the format is chosen
// from the name (".html", ".htm", ".jsonl", ".warc", with an optional ".gz") and content.
size_t ingest_buffer(const std::string& name, std::string bytes, const DocumentSink& on_doc,
                     const ProblemSink& on_problem, const IngestOptions& opts = {});

// Parse the optional crawl header ` date YYYY-MM-DD` at the start of a text file. Returns
// the date and sets `body_start` to the offset where the article text begins (the rest of
// that first line is article text).
std::string parse_date_header(std::string_view text, uint32_t& body_start);

}  // namespace parley
