// merge: many event mentions from many articles become one timeline entry per real-world
// event, carrying every source; disagreements (dates) stay visible.
#pragma once

#include <array>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "model/document.hpp"

namespace parley {

// One event mention with what merge needs from its document.
struct MentionRecord {
    int64_t id = 0;  // store id; unique and stable
    std::string doc_id, outlet, dct;
    std::string reprint_of;  // the document this one nearly duplicates (a reprint), or empty
    std::string sentence;  // the evidence sentence's text
    uint32_t start = 0, end = 0;  // the sentence's offsets in the document's clean text
    EventMention event;
};

struct SourceRef {
    int64_t mention_id = 0;
    std::string doc, outlet, sentence;
    std::string reprint_of;
    uint32_t start = 0, end = 0;
    std::string date, date_text;
    DateBasis date_basis = DateBasis::unknown;
    EventStatus status = EventStatus::occurred;
};

struct DateVote {
    std::string date;
    int sources = 0;
};

struct TimelineEvent {
    std::string id, type, mode;
    EventStatus status = EventStatus::occurred;
    std::string date, date_text;
    DateBasis date_basis = DateBasis::unknown;
    std::vector<ActorRef> actors, targets;
    std::optional<Location> location;
    std::vector<SourceRef> sources;
    std::vector<DateVote> date_conflicts;  // every distinct date the sources gave, when >1
    std::vector<std::string> related;      // ids of linked entries (planned <-> occurred)
    std::string summary;
    float confidence = 0.0F;
};

// Cluster mentions into timeline events. Deterministic: the same mentions in any order
// give the same events, ids and order (by date, then id). All mentions form one batch.
std::vector<TimelineEvent> merge_mentions(const std::vector<MentionRecord>& mentions);

// Incremental merge. An event cluster as kept between batches: new mentions are compared with
// its anchor (its best-dated member) only, and found through block keys (type + participant
// pair + month) under which it is indexed.
struct MergeCluster {
    std::string id;        // the timeline entry's id, fixed when the cluster is founded
    int64_t seq = 0;       // founding order, for deterministic tie-breaks
    MentionRecord anchor;  // the member new mentions are compared with
};

// What one batch did to one cluster.
struct ClusterUpdate {
    MergeCluster cluster;                       // state after the batch
    bool founded = false;                       // new in this batch
    bool anchor_changed = false;                // a better-dated mention took over as anchor
    std::vector<const MentionRecord*> added;    // this batch's new members (into the batch)
    std::vector<std::string> new_keys;          // block keys to add to the index (with a lookup only)
};

// Stored clusters indexed under one block key (each key is asked for at most once a batch).
using ClusterLookup = std::function<std::vector<MergeCluster>(const std::string& key)>;

// Assign a batch of new mentions to clusters: stored ones found through `lookup` (may be
// empty for a fresh start) or new ones numbered from `next_seq`. Within the batch the
// best-dated mentions go first; across batches arrival order counts, so replaying the same
// batches in the same order gives the same clusters.
std::vector<ClusterUpdate> assign_batch(const std::vector<MentionRecord>& batch, const ClusterLookup& lookup,
                                        int64_t next_seq);

// One timeline entry from all members of a cluster (any order; `related` is left empty).
TimelineEvent summarise_cluster(const std::string& id, std::vector<const MentionRecord*> members);

// Planned/cancelled/occurred versions of one event are linked, not merged: whether two entries
// are such versions, and the keys (type + participant) under which candidates are found.
bool are_related(const TimelineEvent& a, const TimelineEvent& b);
std::vector<std::string> relation_keys(const TimelineEvent& e);
// Fill `related` of every entry (all entries known), and sort by date then id.
void link_and_order(std::vector<TimelineEvent>& events);

// A creation time for an undated document from the dated events it reports as done: the
// latest such explicit date (the article cannot predate what it reports), a lower bound.
// Empty when none, or when an event it announces as planned is dated before that bound.
struct InferredDct {
    std::string date, evidence;
};
InferredDct infer_dct(const std::string& doc_id, const std::vector<TimelineEvent>& its_events);

struct TimelineFilter {
    std::vector<std::string> actors;  // names or kb_ids; every one must take part
    std::string from, to;              // inclusive date bounds (prefix compare)
    std::vector<std::string> types;
    std::vector<std::string> statuses;
};
bool matches(const TimelineEvent& e, const TimelineFilter& f);

// Near-duplicate documents (reprints and rewrites of one story): MinHash over word
// 5-shingles, LSH banding for candidates.
constexpr size_t kMinHashSize = 64;
constexpr size_t kMinHashBands = 32;  // 2 rows a band: pairs at J=0.3 meet in a band 95% of the time
using MinHash = std::array<uint32_t, kMinHashSize>;
// Reprints and light rewrites; on the dev corpus, reports of one event by different outlets
// stay below 0.2 while the two wire reprints it holds are at 0.29 and 0.40.
constexpr double kNearDuplicateThreshold = 0.3;
MinHash minhash(std::string_view text);
double jaccard_estimate(const MinHash& a, const MinHash& b);
std::vector<uint64_t> minhash_bands(const MinHash& sig);  // kMinHashBands keys
// For each signature, the index of the first one of its near-duplicate group (itself when it
// has none). `threshold` is the estimated Jaccard similarity of shingle sets.
std::vector<size_t> near_duplicate_groups(const std::vector<MinHash>& sigs, double threshold = kNearDuplicateThreshold);

// The output contract of `parley timeline --format json` (one event).
nlohmann::json to_json(const TimelineEvent& e);
nlohmann::json to_json(const ActorRef& a);
TimelineEvent timeline_event_from_json(const nlohmann::json& j);

}  // namespace parley
