// Event coreference across documents, first pass: block by type and participant pair,
// link mentions whose participants overlap and whose dates are compatible (a publication
// date only bounds the event from above), then union-find into clusters.
#include "merge/merge.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "time/time.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

std::string actor_key(const ActorRef& a) { return a.kb_id.empty() ? "name:" + fold_case(a.name) : a.kb_id; }

std::set<std::string> participants(const EventMention& e) {
    std::set<std::string> s;
    bool has_person = false;
    for (auto* v : {&e.actors, &e.targets})
        for (auto& a : *v) has_person |= a.type == "PER";
    for (auto* v : {&e.actors, &e.targets})
        for (auto& a : *v)
            if (!has_person || a.type == "PER") s.insert(actor_key(a));
    return s;
}

// Status families: a planned meeting, the meeting and its cancellation are distinct events.
int status_family(EventStatus s) {
    switch (s) {
        case EventStatus::occurred: return 0;
        case EventStatus::planned: return 1;
        case EventStatus::cancelled: return 2;
        case EventStatus::denied: return 3;
        case EventStatus::hypothetical: return 4;
    }
    return 0;
}

// Days between two full dates (b - a), or nullopt when either is not a day.
std::optional<int> day_diff(std::string_view a, std::string_view b) {
    Ymd x = parse_ymd(a), y = parse_ymd(b);
    if (!x.d || !y.d) return std::nullopt;
    return int(day_number(y) - day_number(x));
}

// The same story: one document, or a reprint of the other.
bool same_story(const MentionRecord& a, const MentionRecord& b) {
    std::string_view la = a.reprint_of.empty() ? a.doc_id : a.reprint_of;
    std::string_view lb = b.reprint_of.empty() ? b.doc_id : b.reprint_of;
    return la == lb;
}

bool dates_match(const MentionRecord& ma, const MentionRecord& mb) {
    const EventMention& a = ma.event;
    const EventMention& b = mb.event;
    auto explicitish = [](const EventMention& e) {
        return e.date_basis == DateBasis::explicit_ || e.date_basis == DateBasis::context;
    };
    // Two undated mentions in different stories may be years apart (a pair of leaders talks
    // many times): nothing says they are one event.
    if (a.date.empty() && b.date.empty()) return same_story(ma, mb);
    // An article cannot report as done an event dated after it was published.
    for (auto [m, other] : {std::pair{&ma, &b}, std::pair{&mb, &a}}) {
        if (!m->event.date.empty() || m->dct.empty() || other->date.empty()) continue;
        if (m->event.status != EventStatus::occurred) continue;
        auto d = day_diff(m->dct, other->date);  // other - dct
        if (d && *d > 1) return false;
        if (!d && other->date.substr(0, 7) > m->dct.substr(0, 7)) return false;
    }
    if (a.date.empty() || b.date.empty()) return true;
    // Two stated days a day apart are one event reported across a time-zone line or a
    // midnight; the vote picks the day and the disagreement stays visible.
    if (explicitish(a) && explicitish(b)) {
        auto d = day_diff(a.date, b.date);
        return dates_compatible(a.date, b.date) || (d && std::abs(*d) <= 1);
    }
    // A publication date only says the event happened on or before it (within a week).
    const EventMention& pub = explicitish(a) ? b : a;
    const EventMention& other = explicitish(a) ? a : b;
    if (pub.date_basis == DateBasis::publication) {
        if (other.date_basis == DateBasis::publication) {
            auto d = day_diff(pub.date, other.date);
            return !d || std::abs(*d) <= 7;
        }
        auto d = day_diff(other.date, pub.date);  // pub - other
        if (!d) return dates_compatible(pub.date.substr(0, 7), other.date.substr(0, 7));
        return *d >= 0 && *d <= 7;
    }
    return dates_compatible(a.date, b.date);
}


// How near two mentions are in time (0 best, more negative further, -1000 unknown). An
// undated mention is placed at its article's creation time when that comes within a month
// after the other's day: an undated report of a meeting is most likely of the latest one.
int closeness(const MentionRecord& x, const MentionRecord& y) {
    constexpr int kUnknown = -1000;
    if (!x.event.date.empty() && !y.event.date.empty()) {
        auto d = day_diff(x.event.date, y.event.date);
        return d ? -std::abs(*d) : kUnknown;
    }
    const MentionRecord& undated = x.event.date.empty() ? x : y;
    const MentionRecord& dated = x.event.date.empty() ? y : x;
    if (dated.event.date.empty() || undated.dct.empty()) return kUnknown;
    auto d = day_diff(dated.event.date, undated.dct);  // dct - event day
    if (!d || *d < 0 || *d > 31) return kUnknown;
    return -*d;
}

bool sets_overlap_enough(const std::set<std::string>& a, const std::set<std::string>& b) {
    size_t common = 0;
    for (auto& x : a) common += b.count(x);
    size_t need = std::min<size_t>(2, std::min(a.size(), b.size()));
    return common >= std::max<size_t>(need, 1);
}


int basis_rank(DateBasis b) {
    switch (b) {
        case DateBasis::explicit_: return 0;
        case DateBasis::context: return 1;
        case DateBasis::publication: return 2;
        case DateBasis::unknown: return 3;
    }
    return 3;
}

// How informative a mention is as an anchor: explicit before publication-dated, a day before a
// month before a year, two named sides before one (smaller is better).
struct Rank {
    int basis = 3, precision = 0, sides = 0;
    bool operator<(const Rank& o) const { return std::tie(basis, precision, sides) < std::tie(o.basis, o.precision, o.sides); }
};
Rank rank_of(const MentionRecord& m, size_t n_parts) {
    return {basis_rank(m.event.date_basis), -int(m.event.date.size()), -int(n_parts)};
}

// The order of a batch (and of a cluster's sources): best anchors first, then a total order.
bool mention_before(const MentionRecord& a, size_t na, const MentionRecord& b, size_t nb) {
    Rank ra = rank_of(a, na), rb = rank_of(b, nb);
    return std::tie(ra, a.event.date, a.doc_id, a.id) < std::tie(rb, b.event.date, b.doc_id, b.id);
}

std::vector<std::string> pair_keys(const std::string& type, const std::set<std::string>& p) {
    std::vector<std::string> keys;
    for (auto a = p.begin(); a != p.end(); ++a) {
        keys.push_back(type + "|" + *a);  // single-participant anchors and mentions
        for (auto b = std::next(a); b != p.end(); ++b) keys.push_back(type + "|" + *a + "|" + *b);
    }
    return keys;
}
bool single_key(const std::string& k) { return std::count(k.begin(), k.end(), '|') == 1; }

std::string month_of(const EventMention& e) {
    return e.date.size() >= 7 && e.date[5] != 'X' ? e.date.substr(0, 7) : std::string("*");
}

std::vector<std::string> neighbour_months(const std::string& ym) {
    Ymd d = parse_ymd(ym);
    std::vector<std::string> out{ym, "*"};
    if (!d.m) return out;
    Ymd prev{d.m == 1 ? d.y - 1 : d.y, d.m == 1 ? 12 : d.m - 1, 0}, next{d.m == 12 ? d.y + 1 : d.y, d.m == 12 ? 1 : d.m + 1, 0};
    out.push_back(format_ymd(prev));
    out.push_back(format_ymd(next));
    return out;
}

// Blocking: two mentions can only match when they share a participant pair (or the one
// participant of a single-participant mention) and, when dated, lie within a month of each
// other. An anchor is indexed under its pairs, and under each pair with its month ("*" when it
// has none); a lone participant under "|any", and also "|solo" when the anchor has only one
// (each also with the month).
std::vector<std::string> index_keys(const EventMention& e, const std::set<std::string>& p) {
    std::vector<std::string> out;
    std::string month = month_of(e);
    for (auto& k : pair_keys(e.type, p)) {
        if (single_key(k)) {
            out.push_back(k + "|any");
            out.push_back(k + "|any|" + month);
            if (p.size() == 1) {
                out.push_back(k + "|solo");
                out.push_back(k + "|solo|" + month);
            }
            continue;
        }
        out.push_back(k);
        out.push_back(k + "|" + month);
    }
    return out;
}

// The keys a mention looks under: a lone participant matches any anchor naming it, a pair
// only lone anchors of each of its sides besides anchors sharing the pair; undated mentions
// look in the all-months index.
std::vector<std::string> lookup_keys(const EventMention& e, const std::set<std::string>& p) {
    std::vector<std::string> out;
    std::string month = month_of(e);
    // Dated mentions look only in their month and the two next to it (and among anchors
    // without a month), so a popular actor's years of events are not all compared.
    bool all_months = month == "*" || e.date_basis == DateBasis::unknown;
    for (auto& k : pair_keys(e.type, p)) {
        std::string base = single_key(k) ? k + (p.size() == 1 ? "|any" : "|solo") : k;
        if (all_months) out.push_back(base);
        else
            for (auto& m : neighbour_months(month)) out.push_back(base + "|" + m);
    }
    return out;
}

// Stable across re-ingests in any order: the founding mention's document, trigger offset and
// participants (one trigger can carry two events with different sides).
std::string founder_id(const MentionRecord& m, const std::set<std::string>& parts) {
    std::string key = m.event.type + "|" + std::string(to_string(m.event.status)) + "|" + m.doc_id + "|" +
                      std::to_string(m.event.trigger.start);
    for (auto& p : parts) key += "|" + p;
    return "ev-" + content_hash(key).substr(0, 12);
}

}  // namespace

std::vector<ClusterUpdate> assign_batch(const std::vector<MentionRecord>& batch, const ClusterLookup& lookup,
                                        int64_t next_seq) {
    // Participants once per mention (the sort below and the clustering both use them).
    std::vector<std::set<std::string>> parts(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) parts[i] = participants(batch[i].event);
    // Deterministic order regardless of the caller's: the best-dated mentions found clusters
    // first, so a cluster's anchor date is an explicit one whenever any source gives one.
    std::vector<size_t> order(batch.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return mention_before(batch[a], parts[a].size(), batch[b], parts[b].size());
    });

    // Greedy clustering against each cluster's anchor: comparing with the anchor rather than
    // with every member keeps A-B, B-C chains from gluing A to C.
    struct Live {
        ClusterUpdate u;
        std::set<std::string> anchor_parts;
        Rank anchor_rank;
    };
    std::vector<Live> cl;
    std::unordered_map<std::string, std::vector<size_t>> index;
    std::unordered_set<std::string> asked;
    std::unordered_map<std::string, size_t> by_id;
    auto fetch = [&](const std::string& key) {
        if (!lookup || !asked.insert(key).second) return;
        for (MergeCluster& c : lookup(key)) {
            auto [it, fresh] = by_id.emplace(c.id, cl.size());
            if (fresh) {
                Live l;
                l.anchor_parts = participants(c.anchor.event);
                l.anchor_rank = rank_of(c.anchor, l.anchor_parts.size());
                l.u.cluster = std::move(c);
                cl.push_back(std::move(l));
            }
            index[key].push_back(it->second);
        }
    };
    std::vector<size_t> seen;  // dedupe candidates per mention
    for (size_t step = 0; step < order.size(); ++step) {
        size_t i = order[step];
        const MentionRecord& m = batch[i];
        const EventMention& e = m.event;
        std::vector<size_t> cands;
        for (auto& k : lookup_keys(e, parts[i])) {
            fetch(k);
            auto it = index.find(k);
            if (it == index.end()) continue;
            if (seen.size() < cl.size()) seen.resize(cl.size(), SIZE_MAX);
            for (size_t c : it->second)
                if (seen[c] != step) {
                    seen[c] = step;
                    cands.push_back(c);
                }
        }
        std::sort(cands.begin(), cands.end());
        // Candidates are ranked by shared participants, then by coming from the same story
        // (an article names one meeting several times), then by how close the days are.
        size_t best = SIZE_MAX;
        std::tuple<size_t, int, int> best_score{0, 0, 0};
        bool ambiguous = false;
        for (size_t c : cands) {
            const MentionRecord& anchor = cl[c].u.cluster.anchor;
            const EventMention& a = anchor.event;
            if (status_family(a.status) != status_family(e.status)) continue;
            if (!a.mode.empty() && !e.mode.empty() && a.mode != e.mode) continue;
            const auto& pa = cl[c].anchor_parts;
            if (!sets_overlap_enough(pa, parts[i])) continue;
            if (!dates_match(anchor, m)) continue;
            size_t overlap = 0;
            for (auto& x : pa) overlap += parts[i].count(x);
            std::tuple<size_t, int, int> score{overlap, same_story(anchor, m) ? 1 : 0, closeness(anchor, m)};
            if (best == SIZE_MAX || score > best_score) {
                best = c;
                best_score = score;
                ambiguous = false;
            } else if (score == best_score) {
                ambiguous = true;
            }
        }
        // A mention that fits several events equally well (one named side, a coarse date)
        // cannot tell which it reports: it stands alone rather than join the wrong one.
        if (ambiguous) best = SIZE_MAX;
        Rank r = rank_of(m, parts[i].size());
        if (best == SIZE_MAX) {
            best = cl.size();
            Live l;
            l.u.cluster = {founder_id(m, parts[i]), next_seq++, m};
            l.u.founded = true;
            l.anchor_parts = parts[i];
            l.anchor_rank = r;
            cl.push_back(std::move(l));
            by_id.emplace(cl[best].u.cluster.id, best);
        } else if (r < cl[best].anchor_rank) {
            // Only across batches: a better-dated mention than the anchor arrived later; it
            // takes over so that the next ones are compared with the better date.
            Live& l = cl[best];
            l.u.cluster.anchor = m;
            l.u.anchor_changed = true;
            l.anchor_parts = parts[i];
            l.anchor_rank = r;
        } else {
            cl[best].u.added.push_back(&m);
            continue;
        }
        Live& l = cl[best];
        l.u.added.push_back(&m);
        for (auto& k : index_keys(e, parts[i])) {
            index[k].push_back(best);
            if (lookup) l.u.new_keys.push_back(std::move(k));  // only a stored index needs them
        }
    }
    std::vector<ClusterUpdate> out;
    for (auto& l : cl)
        if (l.u.founded || !l.u.added.empty()) out.push_back(std::move(l.u));
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.cluster.seq < b.cluster.seq; });
    return out;
}

TimelineEvent summarise_cluster(const std::string& id, std::vector<const MentionRecord*> members) {
    TimelineEvent t;
    t.id = id;
    if (members.empty()) return t;
    {
        std::vector<std::pair<size_t, const MentionRecord*>> keyed;
        for (auto* m : members) keyed.push_back({participants(m->event).size(), m});
        std::sort(keyed.begin(), keyed.end(),
                  [](auto& a, auto& b) { return mention_before(*a.second, a.first, *b.second, b.first); });
        for (size_t k = 0; k < keyed.size(); ++k) members[k] = keyed[k].second;
    }
    const EventMention& first = members.front()->event;
    t.type = first.type;
    t.status = first.status;
    // date: vote among explicit/context dates (most specific wins ties), else publication.
    // One story (an article and its reprints) votes once for each date it gives, an explicit
    // date weighing more than one resolved from context: repeating a date in one article, or
    // reprinting it, does not make it better supported.
    std::map<std::string, int> votes;  // mentions per date, shown when dates disagree
    std::map<std::pair<std::string, std::string>, int> story_votes;  // (date, story) -> weight
    std::map<std::string, std::string> date_text;
    for (const MentionRecord* mr : members) {
        const EventMention& e = mr->event;
        if (e.date.empty()) continue;
        if (e.date_basis != DateBasis::explicit_ && e.date_basis != DateBasis::context) continue;
        votes[e.date]++;
        int& w = story_votes[{e.date, mr->reprint_of.empty() ? mr->doc_id : mr->reprint_of}];
        w = std::max(w, e.date_basis == DateBasis::explicit_ ? 2 : 1);
        if (!e.date_text.empty()) date_text.emplace(e.date, e.date_text);
    }
    std::map<std::string, int> weight;
    for (auto& [k, w] : story_votes) weight[k.first] += w;
    // a coarser date (2022-03) supports a finer compatible one (2022-03-10)
    std::string best;
    int best_votes = -1;
    for (auto& [d, n] : weight) {
        int support = 0;
        for (auto& [d2, n2] : weight)
            if (dates_compatible(d, d2)) support += n2;
        // The most precise date wins when any source gives one; support decides among
        // dates of that precision (a month or year counts for the days it contains).
        if (d.size() > best.size() || (d.size() == best.size() && support > best_votes)) {
            best = d;
            best_votes = support;
        }
    }
    if (!best.empty()) {
        t.date = best;
        t.date_text = date_text[best];
        t.date_basis = DateBasis::explicit_;
        std::set<std::string> distinct_days;
        for (auto& [d, n] : votes) distinct_days.insert(d);
        bool conflict = false;
        for (auto& d : distinct_days)
            if (!dates_compatible(d, best)) conflict = true;
        if (conflict)
            for (auto& [d, n] : votes) t.date_conflicts.push_back({d, n});
    } else {
        // Only publication dates: the earliest one bounds the event; say so.
        for (const MentionRecord* mr : members) {
            const EventMention& e = mr->event;
            if (e.date_basis == DateBasis::publication && (t.date.empty() || e.date < t.date)) {
                t.date = e.date;
                t.date_basis = DateBasis::publication;
            }
            if (t.date_text.empty() && !e.date_text.empty()) t.date_text = e.date_text;
        }
    }
    // mode, location: most frequent non-empty
    std::map<std::string, int> modes;
    std::map<std::pair<std::string, std::string>, int> locs;
    for (const MentionRecord* mr : members) {
        const EventMention& e = mr->event;
        if (!e.mode.empty()) modes[e.mode]++;
        if (e.location) locs[{e.location->name, e.location->country}]++;
    }
    auto top = [](auto& m) {
        auto it = std::max_element(m.begin(), m.end(), [](auto& a, auto& b) { return a.second < b.second; });
        return it;
    };
    if (!modes.empty()) t.mode = top(modes)->first;
    if (!locs.empty()) {
        auto it = top(locs);
        t.location = Location{it->first.first, it->first.second};
    }
    // actors/targets: union over mentions, ordered by frequency then name
    std::map<std::string, std::pair<int, ActorRef>> acts, tgts;
    for (const MentionRecord* mr : members) {
        const EventMention& e = mr->event;
        for (auto& a : e.actors) {
            auto& slot = acts[actor_key(a)];
            slot.first++;
            if (slot.second.name.empty() || (slot.second.role.empty() && !a.role.empty())) slot.second = a;
        }
        for (auto& a : e.targets) {
            auto& slot = tgts[actor_key(a)];
            slot.first++;
            if (slot.second.name.empty()) slot.second = a;
        }
    }
    auto ordered = [&](auto& m, int min_count) {
        std::vector<std::pair<int, ActorRef>> v;
        for (auto& [k, x] : m)
            if (x.first >= min_count) v.push_back(x);
        std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.first > b.first; });
        std::vector<ActorRef> r;
        for (auto& x : v) r.push_back(x.second);
        return r;
    };
    t.actors = ordered(acts, 1);
    t.targets = ordered(tgts, 1);
    for (auto it = t.targets.begin(); it != t.targets.end();) {
        bool dup = std::any_of(t.actors.begin(), t.actors.end(), [&](auto& a) { return actor_key(a) == actor_key(*it); });
        it = dup ? t.targets.erase(it) : it + 1;
    }
    float conf = 0;
    for (const MentionRecord* mr : members) {
        const MentionRecord& m = *mr;
        SourceRef s{m.id, m.doc_id, m.outlet, m.sentence, m.reprint_of, m.start, m.end,
                    m.event.date, m.event.date_text, m.event.date_basis, m.event.status};
        t.sources.push_back(std::move(s));
        conf = std::max(conf, m.event.confidence);
    }
    t.confidence = std::min(0.99F, conf + 0.05F * float(members.size() - 1));
    // summary from the most confident mention, with the cluster's place
    const MentionRecord* best_m = members.front();
    for (const MentionRecord* mr : members)
        if (mr->event.confidence > best_m->event.confidence) best_m = mr;
    t.summary = best_m->event.summary;
    return t;
}

bool are_related(const TimelineEvent& a, const TimelineEvent& b) {
    if (a.id == b.id || a.type != b.type || a.status == b.status) return false;
    std::set<std::string> pa, pb;
    for (auto* v : {&a.actors, &a.targets})
        for (auto& x : *v) pa.insert(actor_key(x));
    for (auto* v : {&b.actors, &b.targets})
        for (auto& x : *v) pb.insert(actor_key(x));
    return sets_overlap_enough(pa, pb) && dates_compatible(a.date, b.date);
}

std::vector<std::string> relation_keys(const TimelineEvent& e) {
    std::set<std::string> keys;
    for (auto* v : {&e.actors, &e.targets})
        for (auto& x : *v) keys.insert(e.type + "|" + actor_key(x));
    return {keys.begin(), keys.end()};
}

namespace {
std::string status_key(const std::string& key, EventStatus st) {
    std::string k = key;
    k += '#';
    k += to_string(st);
    return k;
}
}  // namespace

void link_and_order(std::vector<TimelineEvent>& out) {
    // Only entries sharing a type and a participant, and of another status, are compared:
    // entries are indexed by type + participant + status, and each looks in the other statuses.
    const EventStatus statuses[] = {EventStatus::occurred, EventStatus::planned, EventStatus::cancelled,
                                    EventStatus::denied, EventStatus::hypothetical};
    std::unordered_map<std::string, std::vector<size_t>> by_key;
    std::vector<std::vector<std::string>> keys(out.size());
    for (size_t k = 0; k < out.size(); ++k) {
        keys[k] = relation_keys(out[k]);
        for (auto& key : keys[k]) by_key[status_key(key, out[k].status)].push_back(k);
    }
    for (size_t a = 0; a < out.size(); ++a) {
        std::set<size_t> linked;
        out[a].related.clear();
        for (EventStatus st : statuses) {
            if (st == out[a].status) continue;
            for (auto& key : keys[a]) {
                auto it = by_key.find(status_key(key, st));
                if (it == by_key.end()) continue;
                for (size_t b : it->second) {
                    if (linked.count(b) || !are_related(out[a], out[b])) continue;
                    linked.insert(b);
                    out[a].related.push_back(out[b].id);
                }
            }
        }
        std::sort(out[a].related.begin(), out[a].related.end());
    }
    std::sort(out.begin(), out.end(), [](const TimelineEvent& a, const TimelineEvent& b) {
        if (a.date.empty() != b.date.empty()) return !a.date.empty();
        return std::tie(a.date, a.id) < std::tie(b.date, b.id);
    });
}

std::vector<TimelineEvent> merge_mentions(const std::vector<MentionRecord>& input) {
    std::vector<TimelineEvent> out;
    for (ClusterUpdate& u : assign_batch(input, nullptr, 0)) out.push_back(summarise_cluster(u.cluster.id, u.added));
    link_and_order(out);
    return out;
}

InferredDct infer_dct(const std::string& doc_id, const std::vector<TimelineEvent>& its_events) {
    InferredDct best;
    for (const TimelineEvent& e : its_events) {
        if (e.status != EventStatus::occurred || e.date_basis != DateBasis::explicit_ || e.date.empty()) continue;
        // the date must come from another document's text, not from this one
        bool dated_elsewhere = false;
        for (auto& s : e.sources)
            if (s.doc != doc_id && !s.date.empty() &&
                (s.date_basis == DateBasis::explicit_ || s.date_basis == DateBasis::context))
                dated_elsewhere = true;
        if (!dated_elsewhere) continue;
        if (e.date > best.date) {
            best.date = e.date;
            best.evidence = "on or after " + e.id + " (" + e.date + ", " + std::to_string(e.sources.size()) + " sources)";
        }
    }
    // An event the document announces as planned bounds it from above: when the two bounds
    // cross, one of the document's events is misread and nothing is inferred.
    for (const TimelineEvent& e : its_events) {
        if (best.date.empty()) break;
        if (e.status != EventStatus::planned || e.date_basis != DateBasis::explicit_ || e.date.empty()) continue;
        if (e.date.substr(0, std::min(e.date.size(), best.date.size())) <
            best.date.substr(0, std::min(e.date.size(), best.date.size())))
            best = {};
    }
    return best;
}

bool matches(const TimelineEvent& e, const TimelineFilter& f) {
    for (const std::string& want : f.actors) {
        std::string w = fold_case(want);
        bool found = false;
        for (auto* v : {&e.actors, &e.targets})
            for (auto& a : *v)
                if (a.kb_id == want || fold_case(a.name).find(w) != std::string::npos) found = true;
        if (!found) return false;
    }
    if (!f.from.empty() && (e.date.empty() || e.date < f.from.substr(0, std::min(f.from.size(), e.date.size()))))
        return false;
    if (!f.to.empty() && (e.date.empty() || e.date.substr(0, std::min(f.to.size(), e.date.size())) > f.to))
        return false;
    if (!f.types.empty() && std::find(f.types.begin(), f.types.end(), e.type) == f.types.end()) return false;
    if (!f.statuses.empty() &&
        std::find(f.statuses.begin(), f.statuses.end(), std::string(to_string(e.status))) == f.statuses.end())
        return false;
    return true;
}

nlohmann::json to_json(const ActorRef& a) {
    auto opt = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
    return {{"name", a.name}, {"kb_id", opt(a.kb_id)}, {"country", opt(a.country)}, {"role", opt(a.role)},
            {"type", a.type}};
}

nlohmann::json to_json(const TimelineEvent& e) {
    nlohmann::json j;
    j["id"] = e.id;
    j["type"] = e.type;
    j["mode"] = e.mode.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.mode);
    j["status"] = to_string(e.status);
    j["date"] = e.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.date);
    j["date_text"] = e.date_text.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.date_text);
    j["date_basis"] = to_string(e.date_basis);
    j["actors"] = nlohmann::json::array();
    for (auto& a : e.actors) j["actors"].push_back(to_json(a));
    j["targets"] = nlohmann::json::array();
    for (auto& a : e.targets) j["targets"].push_back(to_json(a));
    j["location"] = e.location ? nlohmann::json{{"name", e.location->name},
                                                 {"country", e.location->country.empty() ? nlohmann::json(nullptr)
                                                                                         : nlohmann::json(e.location->country)}}
                               : nlohmann::json(nullptr);
    j["sources"] = nlohmann::json::array();
    for (auto& s : e.sources)
        j["sources"].push_back({{"doc", s.doc}, {"outlet", s.outlet}, {"sentence", s.sentence}, {"start", s.start},
                                {"end", s.end}, {"date", s.date.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.date)},
                                {"date_text", s.date_text}, {"date_basis", to_string(s.date_basis)},
                                {"status", to_string(s.status)}, {"mention", s.mention_id},
                                {"reprint_of", s.reprint_of.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.reprint_of)}});
    j["date_conflicts"] = nlohmann::json::array();
    for (auto& d : e.date_conflicts) j["date_conflicts"].push_back({{"date", d.date}, {"sources", d.sources}});
    j["related"] = e.related;
    j["summary"] = e.summary;
    j["confidence"] = e.confidence;
    return j;
}

namespace {
ActorRef actor_from_json(const nlohmann::json& j) {
    auto s = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(); };
    return ActorRef{s("kb_id"), s("name"), s("type"), s("country"), s("role")};
}
}  // namespace

TimelineEvent timeline_event_from_json(const nlohmann::json& j) {
    auto s = [](const nlohmann::json& o, const char* k) {
        return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
    };
    TimelineEvent e;
    e.id = s(j, "id");
    e.type = s(j, "type");
    e.mode = s(j, "mode");
    e.status = parse_event_status(s(j, "status")).value_or(EventStatus::occurred);
    e.date = s(j, "date");
    e.date_text = s(j, "date_text");
    e.date_basis = parse_date_basis(s(j, "date_basis"));
    for (auto& a : j.value("actors", nlohmann::json::array())) e.actors.push_back(actor_from_json(a));
    for (auto& a : j.value("targets", nlohmann::json::array())) e.targets.push_back(actor_from_json(a));
    if (j.contains("location") && j["location"].is_object())
        e.location = Location{s(j["location"], "name"), s(j["location"], "country")};
    for (auto& x : j.value("sources", nlohmann::json::array())) {
        SourceRef r;
        r.doc = s(x, "doc");
        r.outlet = s(x, "outlet");
        r.sentence = s(x, "sentence");
        r.start = x.value("start", 0U);
        r.end = x.value("end", 0U);
        r.date = s(x, "date");
        r.date_text = s(x, "date_text");
        r.date_basis = parse_date_basis(s(x, "date_basis"));
        r.reprint_of = s(x, "reprint_of");
        r.mention_id = x.value("mention", int64_t(0));
        r.status = parse_event_status(s(x, "status")).value_or(EventStatus::occurred);
        e.sources.push_back(std::move(r));
    }
    for (auto& d : j.value("date_conflicts", nlohmann::json::array()))
        e.date_conflicts.push_back({s(d, "date"), d.value("sources", 0)});
    for (auto& r : j.value("related", nlohmann::json::array()))
        if (r.is_string()) e.related.push_back(r.get<std::string>());
    e.summary = s(j, "summary");
    e.confidence = j.value("confidence", 0.0F);
    return e;
}

}  // namespace parley
