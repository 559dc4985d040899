#include "model/document.hpp"

#include <algorithm>

namespace parley {

std::string_view to_string(DctSource s) {
    switch (s) {
        case DctSource::metadata: return "metadata";
        case DctSource::header_line: return "header_line";
        case DctSource::dateline: return "dateline";
        case DctSource::inferred: return "inferred";
        case DctSource::none: return "none";
    }
    return "none";
}

std::string_view to_string(EventStatus s) {
    switch (s) {
        case EventStatus::occurred: return "occurred";
        case EventStatus::planned: return "planned";
        case EventStatus::cancelled: return "cancelled";
        case EventStatus::denied: return "denied";
        case EventStatus::hypothetical: return "hypothetical";
    }
    return "occurred";
}

std::optional<EventStatus> parse_event_status(std::string_view s) {
    for (auto st : {EventStatus::occurred, EventStatus::planned, EventStatus::cancelled,
                    EventStatus::denied, EventStatus::hypothetical})
        if (to_string(st) == s) return st;
    return std::nullopt;
}

std::string_view to_string(DateBasis b) {
    switch (b) {
        case DateBasis::explicit_: return "explicit";
        case DateBasis::context: return "context";
        case DateBasis::publication: return "publication";
        case DateBasis::unknown: return "unknown";
    }
    return "unknown";
}

DateBasis parse_date_basis(std::string_view s) {
    for (auto b : {DateBasis::explicit_, DateBasis::context, DateBasis::publication, DateBasis::unknown})
        if (to_string(b) == s) return b;
    return DateBasis::unknown;
}

uint32_t Document::raw_offset(uint32_t clean) const {
    if (offsets.empty()) return clean;
    auto it = std::upper_bound(offsets.begin(), offsets.end(), clean,
                               [](uint32_t c, const OffsetRun& r) { return c < r.clean_start; });
    if (it == offsets.begin()) return offsets.front().raw_start;
    --it;
    uint32_t delta = std::min(clean - it->clean_start, it->length);
    return it->raw_start + delta;
}

uint32_t Document::sentence_at(uint32_t clean) const {
    auto it = std::upper_bound(sentences.begin(), sentences.end(), clean,
                               [](uint32_t c, const Sentence& s) { return c < s.span.start; });
    if (it == sentences.begin()) return static_cast<uint32_t>(sentences.size());
    --it;
    if (clean < it->span.end) return static_cast<uint32_t>(it - sentences.begin());
    return static_cast<uint32_t>(sentences.size());
}

}  // namespace parley
