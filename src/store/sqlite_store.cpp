// The embedded SQLite store: WAL journal, one transaction per batch, a versioned schema
// upgraded by ordered migrations.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <unordered_map>
#include <cstring>
#include <stdexcept>

#include "pipeline/pipeline.hpp"
#include "store/store.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

// Each entry upgrades the schema by one version; never edit a released entry, append.
const char* const kMigrations[] = {
    R"(
    CREATE TABLE documents (
      id TEXT PRIMARY KEY,
      content_hash TEXT NOT NULL UNIQUE,
      path TEXT, url TEXT, outlet TEXT, title TEXT, lang TEXT, format TEXT,
      dct TEXT, dct_source TEXT, dct_evidence TEXT,
      text TEXT NOT NULL,
      annotations TEXT NOT NULL,
      n_events INTEGER NOT NULL DEFAULT 0,
      n_claims INTEGER NOT NULL DEFAULT 0,
      ingested_at TEXT NOT NULL
    );
    CREATE TABLE mentions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      type TEXT NOT NULL, mode TEXT, status TEXT NOT NULL,
      date TEXT, date_text TEXT, date_basis TEXT,
      actors TEXT NOT NULL, targets TEXT NOT NULL, location TEXT,
      sentence TEXT NOT NULL, sent_start INTEGER, sent_end INTEGER,
      trig_start INTEGER, trig_end INTEGER,
      confidence REAL, summary TEXT,
      UNIQUE(doc_id, idx)
    );
    CREATE INDEX mentions_type_date ON mentions(type, date);
    CREATE TABLE timeline (
      id TEXT PRIMARY KEY,
      date TEXT, type TEXT NOT NULL, status TEXT NOT NULL,
      event TEXT NOT NULL
    );
    CREATE INDEX timeline_date ON timeline(date);
    )",
    // v2: near-duplicate documents (MinHash signature, LSH bands, the document reprinted)
    R"(
    ALTER TABLE documents ADD COLUMN minhash BLOB;
    ALTER TABLE documents ADD COLUMN reprint_of TEXT;
    CREATE TABLE doc_bands (
      band INTEGER NOT NULL,
      doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
    );
    CREATE INDEX doc_bands_band ON doc_bands(band);
    CREATE INDEX doc_bands_doc ON doc_bands(doc_id);
    )",
    // v3: incremental merge. Each mention records its timeline entry and the ingest batch
    // (merge_run) it arrived in, so a full rebuild can replay the batches in order; clusters
    // keep their anchor mention, found through the block index (type + pair + month keys);
    // timeline_keys finds the entries a changed one may be linked to (type + participant).
    // A creation time inferred from shared events is kept apart from the real one.
    R"(
    ALTER TABLE mentions ADD COLUMN event_id TEXT;
    ALTER TABLE mentions ADD COLUMN merge_run INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX mentions_event ON mentions(event_id);
    CREATE INDEX mentions_run ON mentions(merge_run);
    CREATE TABLE merge_clusters (
      id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL,
      anchor INTEGER NOT NULL
    );
    CREATE TABLE merge_blocks (
      key TEXT NOT NULL,
      cluster TEXT NOT NULL,
      PRIMARY KEY (key, cluster)
    ) WITHOUT ROWID;
    CREATE TABLE timeline_keys (
      key TEXT NOT NULL,
      event_id TEXT NOT NULL,
      PRIMARY KEY (key, event_id)
    ) WITHOUT ROWID;
    CREATE INDEX timeline_keys_event ON timeline_keys(event_id);
    ALTER TABLE documents ADD COLUMN inferred_dct TEXT;
    ALTER TABLE documents ADD COLUMN inferred_dct_evidence TEXT;
    )",
};

// The columns a MentionRecord is read from (mentions m JOIN documents d), see read_mention.
constexpr const char* kMentionColumns =
    "m.id, m.doc_id, d.outlet, d.dct, m.sentence, m.sent_start, m.sent_end, m.type, m.mode, m.status, m.date, "
    "m.date_text, m.date_basis, m.actors, m.targets, m.location, m.trig_start, m.trig_end, m.confidence, "
    "m.summary, d.reprint_of";

struct Stmt {
    sqlite3_stmt* s = nullptr;
    Stmt(sqlite3* db, const char* sql) {
        if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
    }
    ~Stmt() { sqlite3_finalize(s); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    void bind(int i, const std::string& v) { sqlite3_bind_text(s, i, v.data(), int(v.size()), SQLITE_TRANSIENT); }
    void bind(int i, int64_t v) { sqlite3_bind_int64(s, i, v); }
    void bind(int i, double v) { sqlite3_bind_double(s, i, v); }
    void bind_null(int i) { sqlite3_bind_null(s, i); }
    bool step() {
        int rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw std::runtime_error(std::string("sqlite step: ") + sqlite3_errmsg(sqlite3_db_handle(s)));
    }
    void reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
    std::string text(int i) {
        auto* p = sqlite3_column_text(s, i);
        return p ? std::string(reinterpret_cast<const char*>(p), size_t(sqlite3_column_bytes(s, i))) : std::string();
    }
    int64_t integer(int i) { return sqlite3_column_int64(s, i); }
    double real(int i) { return sqlite3_column_double(s, i); }
};

std::string now_iso() {
    auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char buf[32];
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

nlohmann::json refs_json(const std::vector<ActorRef>& v) {
    auto j = nlohmann::json::array();
    for (auto& a : v) j.push_back(to_json(a));
    return j;
}

std::vector<ActorRef> refs_from(const std::string& s) {
    std::vector<ActorRef> out;
    auto j = nlohmann::json::parse(s, nullptr, false);
    if (!j.is_array()) return out;
    for (auto& a : j) {
        auto g = [&](const char* k) { return a.contains(k) && a[k].is_string() ? a[k].get<std::string>() : std::string(); };
        out.push_back({g("kb_id"), g("name"), g("type"), g("country"), g("role")});
    }
    return out;
}

// One row of kMentionColumns, starting at column `first`.
MentionRecord read_mention(Stmt& s, int first) {
    MentionRecord m;
    auto col = [&](int i) { return first + i; };
    m.id = s.integer(col(0));
    m.doc_id = s.text(col(1));
    m.outlet = s.text(col(2));
    m.dct = s.text(col(3));
    m.sentence = s.text(col(4));
    m.start = uint32_t(s.integer(col(5)));
    m.end = uint32_t(s.integer(col(6)));
    EventMention& e = m.event;
    e.type = s.text(col(7));
    e.mode = s.text(col(8));
    e.status = parse_event_status(s.text(col(9))).value_or(EventStatus::occurred);
    e.date = s.text(col(10));
    e.date_text = s.text(col(11));
    e.date_basis = parse_date_basis(s.text(col(12)));
    e.actors = refs_from(s.text(col(13)));
    e.targets = refs_from(s.text(col(14)));
    auto loc = nlohmann::json::parse(s.text(col(15)), nullptr, false);
    if (loc.is_object()) e.location = Location{loc.value("name", ""), loc.value("country", "")};
    e.trigger = {uint32_t(s.integer(col(16))), uint32_t(s.integer(col(17)))};
    e.confidence = float(s.real(col(18)));
    e.summary = s.text(col(19));
    m.reprint_of = s.text(col(20));
    return m;
}

class SqliteStore final : public Store {
public:
    explicit SqliteStore(const std::string& path) : path_(path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                            nullptr) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            db_ = nullptr;
            throw std::runtime_error(path + ": cannot open database: " + msg);
        }
        sqlite3_busy_timeout(db_, 10000);
        exec("PRAGMA foreign_keys = ON");
        // WAL lets readers (the web server) go on while a batch is written.
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA synchronous = NORMAL");
        migrate();
        // Mentions stored before the incremental merge existed (schema v2) belong to no event yet.
        bool orphans = false;
        {
            Stmt orphan(db_, "SELECT 1 FROM mentions WHERE event_id IS NULL LIMIT 1");
            orphans = orphan.step();
        }
        if (orphans) rebuild_timeline();
    }
    ~SqliteStore() override {
        cache_.clear();  // statements are finalized before the connection closes
        sqlite3_close(db_);
    }

    int schema_version() override {
        Stmt s(db_, "PRAGMA user_version");
        s.step();
        return int(s.integer(0));
    }

    bool has_content(const std::string& hash) override {
        Stmt s(db_, "SELECT 1 FROM documents WHERE content_hash = ?");
        s.bind(1, hash);
        return s.step();
    }

    PutResult put(const std::vector<Document>& docs) override {
        PutResult r;
        exec("BEGIN IMMEDIATE");
        try {
            Stmt by_hash(db_, "SELECT id FROM documents WHERE content_hash = ?");
            Stmt by_id(db_, "SELECT content_hash FROM documents WHERE id = ?");
            Stmt del(db_, "DELETE FROM documents WHERE id = ?");
            Stmt ins(db_, R"(INSERT INTO documents (id, content_hash, path, url, outlet, title, lang, format,
                 dct, dct_source, dct_evidence, text, annotations, n_events, n_claims, ingested_at)
                 VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))");
            Stmt men(db_, R"(INSERT INTO mentions (doc_id, idx, type, mode, status, date, date_text, date_basis,
                 actors, targets, location, sentence, sent_start, sent_end, trig_start, trig_end, confidence, summary,
                 merge_run) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))");
            // Each put is one merge batch; a rebuild replays the batches in this order.
            int64_t run = 1;
            {
                Stmt last(db_, "SELECT COALESCE(MAX(merge_run), 0) + 1 FROM mentions");
                if (last.step()) run = last.integer(0);
            }
            Stmt band_find(db_, R"(SELECT d.id, d.minhash, d.reprint_of FROM doc_bands b JOIN documents d ON d.id = b.doc_id
                                   WHERE b.band = ? AND d.id <> ?)");
            Stmt band_ins(db_, "INSERT INTO doc_bands (band, doc_id) VALUES (?, ?)");
            Stmt set_dup(db_, "UPDATE documents SET minhash = ?, reprint_of = ? WHERE id = ?");
            std::string now = now_iso();
            for (const Document& d : docs) {
                by_hash.reset();
                by_hash.bind(1, d.content_hash);
                if (by_hash.step()) {
                    ++r.unchanged;
                    continue;
                }
                by_id.reset();
                by_id.bind(1, d.id);
                if (by_id.step()) {
                    del.reset();
                    del.bind(1, d.id);
                    del.step();
                    ++r.replaced;
                } else {
                    ++r.added;
                }
                ins.reset();
                int k = 1;
                for (const std::string* v : {&d.id, &d.content_hash, &d.path, &d.url, &d.outlet, &d.title, &d.lang, &d.format,
                                             &d.dct.value})
                    ins.bind(k++, *v);
                ins.bind(k++, std::string(to_string(d.dct.source)));
                ins.bind(k++, d.dct.evidence);
                ins.bind(k++, d.text);
                ins.bind(k++, annotations_json(d).dump());
                ins.bind(k++, int64_t(d.events.size()));
                ins.bind(k++, int64_t(d.claims.size()));
                ins.bind(k++, now);
                ins.step();
                link_near_duplicates(d, band_find, band_ins, set_dup);
                for (size_t i = 0; i < d.events.size(); ++i) {
                    const EventMention& e = d.events[i];
                    const Sentence& s = d.sentences[e.sentence];
                    men.reset();
                    men.bind(1, d.id);
                    men.bind(2, int64_t(i));
                    men.bind(3, e.type);
                    men.bind(4, e.mode);
                    men.bind(5, std::string(to_string(e.status)));
                    men.bind(6, e.date);
                    men.bind(7, e.date_text);
                    men.bind(8, std::string(to_string(e.date_basis)));
                    men.bind(9, refs_json(e.actors).dump());
                    men.bind(10, refs_json(e.targets).dump());
                    if (e.location)
                        men.bind(11, nlohmann::json{{"name", e.location->name}, {"country", e.location->country}}.dump());
                    else
                        men.bind_null(11);
                    men.bind(12, std::string(d.slice(s.span)));
                    men.bind(13, int64_t(s.span.start));
                    men.bind(14, int64_t(s.span.end));
                    men.bind(15, int64_t(e.trigger.start));
                    men.bind(16, int64_t(e.trigger.end));
                    men.bind(17, double(e.confidence));
                    men.bind(18, e.summary);
                    men.bind(19, run);
                    men.step();
                }
            }
            // The timeline is updated in the same transaction. A replaced document took its
            // mentions away from events already built: those are recomputed from scratch.
            if (r.replaced) rebuild_locked();
            else if (r.added) merge_run_locked(run);
            exec("COMMIT");
        } catch (...) {
            exec_noexcept("ROLLBACK");
            throw;
        }
        return r;
    }

    std::vector<StoredDocument> documents() override {
        std::vector<StoredDocument> out;
        Stmt s(db_, R"(SELECT id, path, url, outlet, title, lang, format, content_hash, dct, dct_source,
                       dct_evidence, ingested_at, n_events, n_claims, reprint_of, inferred_dct, inferred_dct_evidence
                       FROM documents ORDER BY id)");
        while (s.step()) out.push_back(row_doc(s));
        return out;
    }

    std::optional<StoredDocument> document(const std::string& id) override {
        Stmt s(db_, R"(SELECT id, path, url, outlet, title, lang, format, content_hash, dct, dct_source,
                       dct_evidence, ingested_at, n_events, n_claims, reprint_of, inferred_dct, inferred_dct_evidence,
                       text, annotations FROM documents WHERE id = ?)");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        StoredDocument d = row_doc(s);
        d.text = s.text(17);
        d.annotations = nlohmann::json::parse(s.text(18), nullptr, false);
        return d;
    }

    std::vector<MentionRecord> mentions() override {
        std::vector<MentionRecord> out;
        Stmt s(db_, (std::string("SELECT ") + kMentionColumns +
                     " FROM mentions m JOIN documents d ON d.id = m.doc_id ORDER BY m.doc_id, m.idx").c_str());
        while (s.step()) out.push_back(read_mention(s, 0));
        return out;
    }

    void rebuild_timeline() override {
        exec("BEGIN IMMEDIATE");
        try {
            rebuild_locked();
            exec("COMMIT");
        } catch (...) {
            exec_noexcept("ROLLBACK");
            throw;
        }
    }

    void replace_timeline(const std::vector<TimelineEvent>& events) override {
        exec("BEGIN IMMEDIATE");
        try {
            exec("DELETE FROM timeline");
            exec("DELETE FROM timeline_keys");
            for (const auto& e : events) save_event(e);
            exec("COMMIT");
        } catch (...) {
            exec_noexcept("ROLLBACK");
            throw;
        }
    }

    std::vector<TimelineEvent> timeline() override {
        std::vector<TimelineEvent> out;
        Stmt s(db_, "SELECT event FROM timeline ORDER BY date IS NULL OR date = '', date, id");
        while (s.step()) out.push_back(timeline_event_from_json(nlohmann::json::parse(s.text(0))));
        return out;
    }

    size_t timeline_size() override {
        Stmt s(db_, "SELECT COUNT(*) FROM timeline");
        s.step();
        return size_t(s.integer(0));
    }

    std::optional<TimelineEvent> timeline_event(const std::string& id) override {
        Stmt s(db_, "SELECT event FROM timeline WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return timeline_event_from_json(nlohmann::json::parse(s.text(0)));
    }

private:
    // ---- incremental merge (called inside a write transaction) ----

    std::vector<MentionRecord> select_mentions(const std::string& where, const std::string& arg) {
        Stmt& s = cached(std::string("SELECT ") + kMentionColumns + " FROM mentions m JOIN documents d ON d.id = m.doc_id " +
                         where + " ORDER BY m.id");
        if (!arg.empty()) s.bind(1, arg);
        std::vector<MentionRecord> out;
        while (s.step()) out.push_back(read_mention(s, 0));
        return out;
    }

    // Merge the mentions of one batch into the stored timeline: only the clusters indexed
    // under the batch's block keys are read, and only the entries that changed (and those
    // linked to them) are written.
    void merge_run_locked(int64_t run) {
        std::vector<MentionRecord> batch = select_mentions("WHERE m.merge_run = ?", std::to_string(run));
        if (batch.empty()) return;
        int64_t next_seq = 0;
        {
            Stmt q(db_, "SELECT COALESCE(MAX(seq) + 1, 0) FROM merge_clusters");
            if (q.step()) next_seq = q.integer(0);
        }
        Stmt find(db_, (std::string("SELECT c.id, c.seq, ") + kMentionColumns +
                        " FROM merge_blocks b JOIN merge_clusters c ON c.id = b.cluster"
                        " JOIN mentions m ON m.id = c.anchor JOIN documents d ON d.id = m.doc_id"
                        " WHERE b.key = ? ORDER BY c.seq").c_str());
        auto lookup = [&](const std::string& key) {
            std::vector<MergeCluster> out;
            find.reset();
            find.bind(1, key);
            while (find.step()) out.push_back({find.text(0), find.integer(1), read_mention(find, 2)});
            return out;
        };
        std::vector<ClusterUpdate> ups = assign_batch(batch, lookup, next_seq);
        save_clusters(ups);

        // The changed entries, rebuilt from all their members.
        std::map<std::string, TimelineEvent> changed;
        for (const ClusterUpdate& u : ups) {
            std::vector<MentionRecord> members = select_mentions("WHERE m.event_id = ?", u.cluster.id);
            std::vector<const MentionRecord*> ptrs;
            for (auto& m : members) ptrs.push_back(&m);
            changed[u.cluster.id] = summarise_cluster(u.cluster.id, ptrs);
        }
        // Links are symmetric and depend on the two entries only: recompute those of each
        // changed entry against its candidates, and mirror additions/removals on the others.
        std::map<std::string, TimelineEvent> others;  // unchanged entries whose links change
        std::unordered_map<std::string, std::vector<std::string>> changed_by_key;
        for (auto& [id, ev] : changed)
            for (auto& k : relation_keys(ev)) changed_by_key[k].push_back(id);
        Stmt by_key(db_, "SELECT event_id FROM timeline_keys WHERE key = ?");
        for (auto& [id, ev] : changed) {
            std::set<std::string> before;
            if (auto old = load_event(id)) before.insert(old->related.begin(), old->related.end());
            std::set<std::string> cand = before;
            for (auto& k : relation_keys(ev)) {
                by_key.reset();
                by_key.bind(1, k);
                while (by_key.step()) cand.insert(by_key.text(0));
                for (auto& oid : changed_by_key[k]) cand.insert(oid);
            }
            std::set<std::string> now;
            for (const std::string& c : cand) {
                if (c == id) continue;
                bool is_changed = changed.count(c) > 0;
                const TimelineEvent* other = nullptr;
                if (is_changed) other = &changed.at(c);
                else if (auto it2 = others.find(c); it2 != others.end()) other = &it2->second;
                else if (auto loaded = load_event(c)) other = &(others[c] = std::move(*loaded));
                if (!other) continue;
                bool linked = are_related(ev, *other);
                if (linked) now.insert(c);
                if (is_changed) continue;  // its own pass computes its links
                auto& r = others.at(c).related;
                auto it = std::find(r.begin(), r.end(), id);
                if (linked && it == r.end()) {
                    r.push_back(id);
                    std::sort(r.begin(), r.end());
                } else if (!linked && it != r.end()) {
                    r.erase(it);
                }
            }
            ev.related.assign(now.begin(), now.end());
        }
        for (auto& [id, ev] : changed) save_event(ev);
        for (auto& [id, ev] : others) save_event(ev);
        infer_dcts(changed);
    }

    void save_clusters(const std::vector<ClusterUpdate>& ups) {
        Stmt cl(db_, "INSERT OR REPLACE INTO merge_clusters (id, seq, anchor) VALUES (?, ?, ?)");
        Stmt blk(db_, "INSERT OR IGNORE INTO merge_blocks (key, cluster) VALUES (?, ?)");
        Stmt mem(db_, "UPDATE mentions SET event_id = ? WHERE id = ?");
        for (const ClusterUpdate& u : ups) {
            cl.reset();
            cl.bind(1, u.cluster.id);
            cl.bind(2, u.cluster.seq);
            cl.bind(3, u.cluster.anchor.id);
            cl.step();
            for (auto& k : u.new_keys) {
                blk.reset();
                blk.bind(1, k);
                blk.bind(2, u.cluster.id);
                blk.step();
            }
            for (const MentionRecord* m : u.added) {
                mem.reset();
                mem.bind(1, u.cluster.id);
                mem.bind(2, m->id);
                mem.step();
            }
        }
    }

    std::optional<TimelineEvent> load_event(const std::string& id) {
        Stmt& s = cached("SELECT event FROM timeline WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return timeline_event_from_json(nlohmann::json::parse(s.text(0)));
    }

    void save_event(const TimelineEvent& e) {
        Stmt& ins = cached("INSERT OR REPLACE INTO timeline (id, date, type, status, event) VALUES (?,?,?,?,?)");
        ins.bind(1, e.id);
        ins.bind(2, e.date);
        ins.bind(3, e.type);
        ins.bind(4, std::string(to_string(e.status)));
        ins.bind(5, to_json(e).dump());
        ins.step();
        Stmt& del = cached("DELETE FROM timeline_keys WHERE event_id = ?");
        del.bind(1, e.id);
        del.step();
        Stmt& key = cached("INSERT OR IGNORE INTO timeline_keys (key, event_id) VALUES (?, ?)");
        for (auto& k : relation_keys(e)) {
            key.reset();
            key.bind(1, k);
            key.bind(2, e.id);
            key.step();
        }
    }

    // Undated documents among the sources of these entries may get a creation time from the
    // dated events they share; a real creation time is never replaced (it lives in `dct`).
    void infer_dcts(const std::map<std::string, TimelineEvent>& changed) {
        std::set<std::string> docs;
        for (auto& [id, ev] : changed)
            for (auto& s : ev.sources) docs.insert(s.doc);
        Stmt undated(db_, "SELECT 1 FROM documents WHERE id = ? AND (dct IS NULL OR dct = '')");
        Stmt events_of(db_, "SELECT DISTINCT event_id FROM mentions WHERE doc_id = ? AND event_id IS NOT NULL");
        Stmt set(db_, "UPDATE documents SET inferred_dct = ?, inferred_dct_evidence = ? WHERE id = ?");
        for (const std::string& doc : docs) {
            undated.reset();
            undated.bind(1, doc);
            if (!undated.step()) continue;
            std::vector<TimelineEvent> evs;
            events_of.reset();
            events_of.bind(1, doc);
            while (events_of.step()) {
                std::string id = events_of.text(0);
                if (auto it = changed.find(id); it != changed.end()) evs.push_back(it->second);
                else if (auto e = load_event(id)) evs.push_back(std::move(*e));
            }
            InferredDct inf = infer_dct(doc, evs);
            set.reset();
            if (inf.date.empty()) {
                set.bind_null(1);
                set.bind_null(2);
            } else {
                set.bind(1, inf.date);
                set.bind(2, inf.evidence);
            }
            set.bind(3, doc);
            set.step();
        }
    }

    // Full recompute: replay every batch in arrival order through the same clustering, with
    // the block index in memory, and rewrite the whole merge state and timeline.
    void rebuild_locked() {
        std::vector<MentionRecord> all;
        std::vector<int64_t> runs;
        {
            Stmt s(db_, (std::string("SELECT m.merge_run, ") + kMentionColumns +
                         " FROM mentions m JOIN documents d ON d.id = m.doc_id ORDER BY m.merge_run, m.id").c_str());
            while (s.step()) {
                runs.push_back(s.integer(0));
                all.push_back(read_mention(s, 1));
            }
        }
        std::unordered_map<std::string, std::vector<std::string>> blocks;
        std::unordered_map<std::string, MergeCluster> clusters;
        std::unordered_map<std::string, std::vector<int64_t>> members;  // cluster -> mention ids
        std::vector<std::string> order;                                  // clusters by seq
        auto lookup = [&](const std::string& key) {
            std::vector<MergeCluster> out;
            if (auto it = blocks.find(key); it != blocks.end())
                for (auto& id : it->second) out.push_back(clusters.at(id));
            return out;
        };
        int64_t next_seq = 0;
        for (size_t a = 0; a < all.size();) {
            size_t b = a;
            while (b < all.size() && runs[b] == runs[a]) ++b;
            std::vector<MentionRecord> batch(all.begin() + long(a), all.begin() + long(b));
            for (ClusterUpdate& u : assign_batch(batch, lookup, next_seq)) {
                if (u.founded) {
                    ++next_seq;
                    order.push_back(u.cluster.id);
                }
                auto& blk = blocks;
                for (auto& k : u.new_keys) {
                    auto& v = blk[k];
                    if (std::find(v.begin(), v.end(), u.cluster.id) == v.end()) v.push_back(u.cluster.id);
                }
                for (auto* m : u.added) members[u.cluster.id].push_back(m->id);
                clusters[u.cluster.id] = u.cluster;
            }
            a = b;
        }
        exec("DELETE FROM merge_clusters; DELETE FROM merge_blocks; DELETE FROM timeline; DELETE FROM timeline_keys;"
             "UPDATE documents SET inferred_dct = NULL, inferred_dct_evidence = NULL;");
        std::unordered_map<int64_t, const MentionRecord*> by_id;
        for (auto& m : all) by_id[m.id] = &m;
        std::vector<ClusterUpdate> ups;
        std::vector<TimelineEvent> events;
        for (auto& id : order) {
            ClusterUpdate u;
            u.cluster = clusters.at(id);
            for (int64_t mid : members[id]) u.added.push_back(by_id.at(mid));
            events.push_back(summarise_cluster(id, u.added));
            ups.push_back(std::move(u));
        }
        save_clusters(ups);
        {
            Stmt blk(db_, "INSERT OR IGNORE INTO merge_blocks (key, cluster) VALUES (?, ?)");
            for (auto& [key, ids] : blocks)
                for (auto& id : ids) {
                    blk.reset();
                    blk.bind(1, key);
                    blk.bind(2, id);
                    blk.step();
                }
        }
        link_and_order(events);
        std::map<std::string, TimelineEvent> changed;
        for (auto& e : events) {
            save_event(e);
            changed.emplace(e.id, e);
        }
        infer_dcts(changed);
    }

    // Find the document this one nearly duplicates among those sharing an LSH band, record
    // the signature and the link, and index the bands. The earliest document of a group leads.
    void link_near_duplicates(const Document& d, Stmt& band_find, Stmt& band_ins, Stmt& set_dup) {
        MinHash sig = minhash(d.text);
        std::string leader;
        double best = 0.0;
        for (uint64_t band : minhash_bands(sig)) {
            band_find.reset();
            band_find.bind(1, int64_t(band));
            band_find.bind(2, d.id);
            while (band_find.step()) {
                const void* blob = sqlite3_column_blob(band_find.s, 1);
                if (!blob || size_t(sqlite3_column_bytes(band_find.s, 1)) != sizeof(MinHash)) continue;
                MinHash other;
                std::memcpy(other.data(), blob, sizeof(MinHash));
                double j = jaccard_estimate(sig, other);
                if (j < kNearDuplicateThreshold || j <= best) continue;
                best = j;
                std::string lead = band_find.text(2);
                leader = lead.empty() ? band_find.text(0) : lead;
            }
        }
        set_dup.reset();
        sqlite3_bind_blob(set_dup.s, 1, sig.data(), int(sizeof(MinHash)), SQLITE_TRANSIENT);
        if (leader.empty()) set_dup.bind_null(2);
        else set_dup.bind(2, leader);
        set_dup.bind(3, d.id);
        set_dup.step();
        for (uint64_t band : minhash_bands(sig)) {
            band_ins.reset();
            band_ins.bind(1, int64_t(band));
            band_ins.bind(2, d.id);
            band_ins.step();
        }
    }

    StoredDocument row_doc(Stmt& s) {
        StoredDocument d;
        d.id = s.text(0);
        d.path = s.text(1);
        d.url = s.text(2);
        d.outlet = s.text(3);
        d.title = s.text(4);
        d.lang = s.text(5);
        d.format = s.text(6);
        d.content_hash = s.text(7);
        d.dct = s.text(8);
        d.dct_source = s.text(9);
        d.dct_evidence = s.text(10);
        d.ingested_at = s.text(11);
        d.events = int(s.integer(12));
        d.claims = int(s.integer(13));
        d.reprint_of = s.text(14);
        // A real creation time always wins; otherwise one inferred from shared events, if any.
        if (d.dct.empty() && !s.text(15).empty()) {
            d.dct = s.text(15);
            d.dct_source = "inferred-from-events";
            d.dct_evidence = s.text(16);
        }
        return d;
    }

    void exec(const char* sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            throw std::runtime_error(path_ + ": " + msg);
        }
    }
    void exec_noexcept(const char* sql) { sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }

    void migrate() {
        int v = schema_version();
        int target = int(sizeof kMigrations / sizeof kMigrations[0]);
        if (v > target)
            throw std::runtime_error(path_ + ": database schema v" + std::to_string(v) +
                                     " is newer than this parley (v" + std::to_string(target) + ")");
        for (; v < target; ++v) {
            exec("BEGIN IMMEDIATE");
            try {
                exec(kMigrations[v]);
                exec(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
                exec("COMMIT");
            } catch (...) {
                exec_noexcept("ROLLBACK");
                throw;
            }
        }
    }

    // Statements the incremental merge runs once per entry, prepared once (reset on each use).
    Stmt& cached(const std::string& sql) {
        auto& slot = cache_[sql];
        if (!slot) slot = std::make_unique<Stmt>(db_, sql.c_str());
        slot->reset();
        return *slot;
    }

    std::string path_;
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Stmt>> cache_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path) { return std::make_unique<SqliteStore>(path); }

std::unique_ptr<Store> open_store(const std::string& location) {
    if (location.starts_with("postgresql://") || location.starts_with("postgres://"))
        throw std::runtime_error(location + ": the PostgreSQL backend is not built into this parley yet");
    return open_sqlite_store(location);
}

}  // namespace parley
