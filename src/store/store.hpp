// store: documents, their annotations, event mentions and the merged timeline, behind one
// interface. SQLite is the embedded default; a PostgreSQL backend can implement the same.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "merge/merge.hpp"
#include "model/document.hpp"

namespace parley {

struct StoredDocument {
    std::string id, path, url, outlet, title, lang, format, content_hash;
    // dct_source is "inferred-from-events" when the document has no creation time of its own
    // and one was inferred from the dated events it shares with other documents.
    std::string dct, dct_source, dct_evidence, ingested_at;
    int events = 0, claims = 0;
    std::string reprint_of;        // the earlier document this one nearly duplicates
    std::string text;              // filled when asked for
    nlohmann::json annotations;    // filled when asked for
};

struct PutResult {
    size_t added = 0;      // new documents
    size_t unchanged = 0;  // same content already stored (idempotent re-ingest)
    size_t replaced = 0;   // same id, new content
};

class Store {
public:
    virtual ~Store() = default;
    // Store a batch of processed documents in one transaction: all or nothing.
    // The timeline is updated in the same transaction: new mentions join the events they match
    // (found through the stored block index) or found new ones.
    virtual PutResult put(const std::vector<Document>& docs) = 0;
    virtual bool has_content(const std::string& content_hash) = 0;
    virtual std::vector<StoredDocument> documents() = 0;
    virtual std::optional<StoredDocument> document(const std::string& id) = 0;
    virtual std::vector<MentionRecord> mentions() = 0;
    // Overwrite the timeline rows only (the merge state is left as is).
    virtual void replace_timeline(const std::vector<TimelineEvent>& events) = 0;
    // Recompute the whole timeline from every stored mention, replaying the ingest batches in
    // their order: the result equals what the incremental updates built. (`put` updates the
    // timeline incrementally, in the same transaction as the documents.)
    virtual void rebuild_timeline() = 0;
    virtual std::vector<TimelineEvent> timeline() = 0;
    virtual size_t timeline_size() = 0;
    virtual std::optional<TimelineEvent> timeline_event(const std::string& id) = 0;
    virtual int schema_version() = 0;
};

// Open (creating and migrating as needed) an SQLite store. Throws std::runtime_error with
// the path and SQLite's message on failure.
std::unique_ptr<Store> open_sqlite_store(const std::string& path);

// Open a store by location: a file path (SQLite) — "postgresql://..." is reserved for the
// PostgreSQL backend.
std::unique_ptr<Store> open_store(const std::string& location);

}  // namespace parley
