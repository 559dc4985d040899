// The one document model every stage reads and writes.
//
// A Document holds the raw input, the clean text derived from it, and annotation layers as
// spans over the clean text. Stages are free functions that fill one or more layers; they
// never keep private state inside the document. Offsets are UTF-8 byte offsets into
// `Document::text` unless a field says otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

struct Span {
    uint32_t start = 0;  // inclusive byte offset
    uint32_t end = 0;    // exclusive byte offset
    uint32_t size() const { return end - start; }
    bool empty() const { return end <= start; }
    bool contains(const Span& o) const { return start <= o.start && o.end <= end; }
    bool overlaps(const Span& o) const { return start < o.end && o.start < end; }
    friend bool operator==(const Span&, const Span&) = default;
};

// Where the document's creation time came from, strongest first.
enum class DctSource { metadata, header_line, dateline, inferred, none };
std::string_view to_string(DctSource);

// A date with its granularity: "2022-03-10", "2022-03", "2022", or empty when unknown.
struct Dct {
    std::string value;
    DctSource source = DctSource::none;
    std::string evidence;  // the text the date was read from, for provenance
    bool known() const { return !value.empty(); }
};

// A piece of raw text that `clean` left out of the body, and why.
struct Removal {
    std::string text;
    std::string reason;  // "boilerplate:donation", "caption", "timestamp", "html:nav", ...
};

// A run of foreign-script text inside the body, kept, with a Latin transliteration.
struct ScriptFragment {
    Span span;
    std::string script;  // ICU script name, e.g. "Cyrillic"
    std::string latin;   // transliteration
};

// Maps clean-text offsets back to raw-input offsets: each run copies `length` bytes from
// raw[raw_start] to text[clean_start] (possibly after a byte-length-preserving repair).
struct OffsetRun {
    uint32_t clean_start = 0;
    uint32_t raw_start = 0;
    uint32_t length = 0;
};

struct Token {
    Span span;
    std::string upos;    // Universal POS tag
    std::string xpos;    // Penn Treebank tag
    std::string lemma;
    int32_t head = -1;   // index of the head token in Document::tokens, -1 for root
    std::string deprel;  // Universal Dependencies relation
    uint32_t sentence = 0;
    // Word-cluster code of the lower-cased form (data/text/word_clusters.tsv, copied into the
    // tagger model): the path in a binary tree of clusters stored as (1 << length) | bits, so
    // words used alike share a code; 0 when the word is not in the table or no models ran.
    uint16_t cluster = 0;
};

// The cluster of the first `bits` choices of a cluster code (the whole path when shorter);
// 0 stays 0.
inline uint16_t cluster_prefix(uint16_t code, int bits) {
    if (code == 0) return 0;
    int len = 15;
    while (len > 0 && !(code >> len)) --len;
    return len <= bits ? code : uint16_t(code >> (len - bits));
}

struct Sentence {
    Span span;
    uint32_t first_token = 0;  // index into Document::tokens
    uint32_t token_count = 0;
    uint32_t paragraph = 0;
};

// A reference to something in the actor knowledge base, as resolved on a date.
struct ActorRef {
    std::string kb_id;    // empty when the mention could not be linked
    std::string name;     // canonical name, or the surface text when unlinked
    std::string type;     // PER, ORG, GPE, NORP, LOC, EVENT
    std::string country;  // ISO 3166 alpha-3, or empty
    std::string role;     // display title held on the document's date, or empty
    friend bool operator==(const ActorRef&, const ActorRef&) = default;
};

struct EntityMention {
    Span span;
    ActorRef ref;
    std::string how;  // "alias", "surname", "description", "pronoun", "metonym", "ner"
    float confidence = 1.0F;
};

struct Timex {
    Span span;
    std::string type;   // DATE, TIME, DURATION, SET
    std::string value;  // TIMEX3 value, e.g. 2022-03-10, XXXX-WXX-6, P2H, PRESENT_REF
    std::string mod;    // TIMEX3 mod (BEFORE, AFTER, START, ...), or empty
};

enum class EventStatus { occurred, planned, cancelled, denied, hypothetical };
std::string_view to_string(EventStatus);
std::optional<EventStatus> parse_event_status(std::string_view);

// How an event's date was found (issue contract: explicit | context | publication | unknown).
enum class DateBasis { explicit_, context, publication, unknown };
std::string_view to_string(DateBasis);
DateBasis parse_date_basis(std::string_view);  // unknown when not recognised

struct Location {
    std::string name;
    std::string country;  // ISO alpha-3 or empty
};

struct EventMention {
    std::string type;  // PLOVER type, e.g. CONSULT
    std::string mode;  // PLOVER mode, e.g. phone, visit; empty when none
    EventStatus status = EventStatus::occurred;
    std::string date;       // 2022-03-10 | 2022-03 | 2022 | "" (unknown)
    std::string date_text;  // the words that dated it ("on Thursday")
    DateBasis date_basis = DateBasis::unknown;
    std::vector<ActorRef> actors;
    std::vector<ActorRef> targets;
    std::optional<Location> location;
    Span trigger;
    uint32_t sentence = 0;  // index into Document::sentences
    float confidence = 0.0F;
    std::string summary;
};

struct SourceLink {
    std::string name;    // "TASS", "a member of the US delegation"
    std::string kb_id;   // when linked
    bool anonymous = false;
    std::string relation;  // "quotes", "told", "citing", "writes", "according to"
};

struct Claim {
    ActorRef speaker;
    Span speaker_span;
    Span content;
    Span cue;  // "said", "told reporters", quotation marks
    bool direct = false;  // a quotation, not reported speech
    std::vector<SourceLink> chain;  // outermost source first: outlet -> agency -> speaker
    std::vector<std::string> disputes;  // what the claim denies or dismisses, as text
    std::vector<Span> dispute_spans;    // the same, as spans (empty span: no object named)
    // What the disputes point at: claims (indices into Document::claims) and events (indices
    // into Document::events) whose words the disputed text covers, or, when the dispute only
    // names its object ("the report", "did not comment"), the claim it answers.
    std::vector<uint32_t> disputed_claims;
    std::vector<uint32_t> disputed_events;
    uint32_t sentence = 0;
};

struct Document {
    // identity and metadata
    std::string id;       // file name, or the JSONL `id`
    std::string path;     // where it was read from
    std::string url;
    std::string outlet;
    std::string title;
    std::string author;
    std::string lang = "en";
    std::string format;   // "text", "html", "jsonl"
    std::string content_hash;  // hex digest of the raw bytes, for idempotent ingest
    Dct dct;

    // Input as read (validated UTF-8). For HTML, `clean` replaces it with the page converted
    // to UTF-8 (and pathological nesting flattened); offsets then point into that.
    std::string raw;
    uint32_t body_start = 0;  // raw offset where the article begins (after a date header)
    std::string text;  // clean body text; every Span below points into it
    std::vector<OffsetRun> offsets;
    std::vector<Removal> removed;
    std::vector<ScriptFragment> fragments;
    std::vector<std::string> date_signals;  // date-like text seen outside the body

    std::vector<Sentence> sentences;
    std::vector<Token> tokens;
    std::vector<EntityMention> entities;
    std::vector<Timex> timexes;
    std::vector<EventMention> events;
    std::vector<Claim> claims;

    std::string_view slice(Span s) const {
        return std::string_view(text).substr(s.start, s.end - s.start);
    }
    // Map a clean-text offset back to the raw input (best effort at run edges).
    uint32_t raw_offset(uint32_t clean) const;
    // The sentence containing a clean-text offset, or sentences.size() when none.
    uint32_t sentence_at(uint32_t clean) const;
};

}  // namespace parley
