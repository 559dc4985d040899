// Incremental merge through the store: ingesting new articles updates the stored timeline in
// place, and the result equals a full rebuild over the same batches in the same order.
#include <gtest/gtest.h>

#include <filesystem>

#include "merge/merge.hpp"
#include "store/store.hpp"

using namespace parley;

namespace {
std::string temp_db(const std::string& name) {
    auto p = std::filesystem::temp_directory_path() / ("parley-merge-inc-" + name + ".db");
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
    return p.string();
}

ActorRef person(const std::string& id) { return ActorRef{"Q:" + id, id, "PER", "", ""}; }

struct Ev {
    std::vector<std::string> who;
    std::string date;
    DateBasis basis = DateBasis::explicit_;
    EventStatus status = EventStatus::occurred;
};

Document article(const std::string& id, const std::string& dct, const std::vector<Ev>& evs) {
    Document d;
    d.id = id;
    d.content_hash = "hash-" + id;
    d.format = "text";
    d.outlet = "outlet-" + id;
    d.dct.value = dct;
    d.dct.source = dct.empty() ? DctSource::none : DctSource::header_line;
    for (size_t i = 0; i < evs.size(); ++i) {
        uint32_t start = uint32_t(d.text.size());
        d.text += "Sentence " + std::to_string(i) + " of " + id + ". ";
        d.sentences.push_back({{start, uint32_t(d.text.size() - 1)}, 0, 0, 0});
        EventMention e;
        e.type = "CONSULT";
        e.status = evs[i].status;
        e.date = evs[i].date;
        e.date_basis = evs[i].date.empty() ? DateBasis::unknown : evs[i].basis;
        for (auto& w : evs[i].who) e.actors.push_back(person(w));
        e.sentence = i;
        e.trigger = {start, start + 8};
        e.confidence = 0.5F + 0.01F * float(i);
        e.summary = id + " event " + std::to_string(i);
        d.events.push_back(e);
    }
    return d;
}

// A small news stream: one meeting reported many times (dated, publication-dated, undated),
// its announcement, another meeting of the same pair months later, and unrelated contacts.
std::vector<std::vector<Document>> batches() {
    using B = DateBasis;
    using S = EventStatus;
    return {
        {article("a01", "2022-03-09", {{{"lavrov", "kuleba"}, "2022-03-10", B::explicit_, S::planned}}),
         article("a02", "2022-03-11", {{{"lavrov", "kuleba"}, "2022-03-11", B::publication}})},
        {article("a03", "2022-03-10", {{{"lavrov", "kuleba"}, "2022-03-10"}, {{"biden", "xi"}, "2022-03-18"}}),
         article("a04", "", {{{"kuleba", "lavrov"}, ""}})},
        {article("a05", "2022-07-20", {{{"lavrov", "kuleba"}, "2022-07-19"}}),
         article("a06", "2022-03-12", {{{"lavrov", "kuleba", "cavusoglu"}, "2022-03-10"}}),
         article("a07", "2022-03-19", {{{"biden", "xi"}, "2022-03", B::context}})},
        {article("a08", "2022-03-20", {{{"xi", "biden"}, "2022-03-18"}, {{"lavrov", "kuleba"}, "2022-03-10"}})},
    };
}

std::vector<std::string> dump(Store& s) {
    std::vector<std::string> out;
    for (auto& e : s.timeline()) out.push_back(to_json(e).dump());
    return out;
}
}  // namespace

TEST(MergeIncremental, EqualsFullRebuildAndIsDeterministic) {
    auto a = open_sqlite_store(temp_db("a"));
    for (auto& b : batches()) a->put(b);
    auto incremental = dump(*a);
    ASSERT_FALSE(incremental.empty());
    a->rebuild_timeline();
    EXPECT_EQ(dump(*a), incremental);
    // the same input order into another store gives the same entries and ids
    auto b = open_sqlite_store(temp_db("b"));
    for (auto& batch : batches()) b->put(batch);
    EXPECT_EQ(dump(*b), incremental);
}

TEST(MergeIncremental, OneBatchEqualsMergeOfAllMentions) {
    auto s = open_sqlite_store(temp_db("one"));
    std::vector<Document> all;
    for (auto& b : batches())
        for (auto& d : b) all.push_back(d);
    s->put(all);
    auto stored = s->timeline();
    auto direct = merge_mentions(s->mentions());
    ASSERT_EQ(stored.size(), direct.size());
    for (size_t i = 0; i < stored.size(); ++i) EXPECT_EQ(to_json(stored[i]), to_json(direct[i]));
}

TEST(MergeIncremental, NewArticleUpdatesTheExistingEntry) {
    auto s = open_sqlite_store(temp_db("update"));
    auto bs = batches();
    s->put(bs[0]);
    s->put(bs[1]);
    // the March meeting: the publication-dated report of batch 1 founded it; the explicit
    // report of batch 2 joined and now dates it; the id did not change
    std::string id;
    for (auto& e : s->timeline())
        if (e.status == EventStatus::occurred && e.actors.size() == 2 && e.actors[0].name != "biden" &&
            e.actors[0].name != "xi")
            id = e.id;
    ASSERT_FALSE(id.empty());
    s->put(bs[2]);
    s->put(bs[3]);
    auto ev = s->timeline_event(id);
    ASSERT_TRUE(ev.has_value());
    EXPECT_EQ(ev->date, "2022-03-10");
    EXPECT_GE(ev->sources.size(), 4u);  // a02, a03, a06, a08 (+ a04 undated)
    // the July meeting of the same pair stays its own entry
    size_t july = 0;
    for (auto& e : s->timeline()) july += e.date == "2022-07-19";
    EXPECT_EQ(july, 1u);
    // the announcement stays apart but linked both ways
    bool planned_linked = false;
    for (auto& e : s->timeline())
        if (e.status == EventStatus::planned) {
            planned_linked = std::find(e.related.begin(), e.related.end(), id) != e.related.end();
            EXPECT_NE(std::find(ev->related.begin(), ev->related.end(), e.id), ev->related.end());
        }
    EXPECT_TRUE(planned_linked);
}

TEST(MergeIncremental, UndatedDocumentGetsAnInferredDateRealOnesStay) {
    auto s = open_sqlite_store(temp_db("dct"));
    for (auto& b : batches()) s->put(b);
    auto undated = s->document("a04");
    ASSERT_TRUE(undated.has_value());
    EXPECT_EQ(undated->dct_source, "inferred-from-events");
    EXPECT_EQ(undated->dct, "2022-03-10");
    EXPECT_NE(undated->dct_evidence.find("ev-"), std::string::npos);
    auto dated = s->document("a05");
    ASSERT_TRUE(dated.has_value());
    EXPECT_EQ(dated->dct, "2022-07-20");
    EXPECT_EQ(dated->dct_source, "header_line");
    // the inferred date never feeds back into merging
    for (auto& m : s->mentions()) {
        if (m.doc_id == "a04") {
            EXPECT_TRUE(m.dct.empty());
        }
    }
}

TEST(MergeIncremental, ReplacedArticleLeavesNoStaleSource) {
    auto s = open_sqlite_store(temp_db("replace"));
    for (auto& b : batches()) s->put(b);
    Document a08 = article("a08", "2022-03-20", {{{"xi", "biden"}, "2022-03-18"}});
    a08.content_hash = "hash-a08-v2";
    auto r = s->put({a08});
    EXPECT_EQ(r.replaced, 1u);
    size_t a08_sources = 0;
    for (auto& e : s->timeline())
        for (auto& src : e.sources) a08_sources += src.doc == "a08";
    EXPECT_EQ(a08_sources, 1u);
    auto before = dump(*s);
    s->rebuild_timeline();
    EXPECT_EQ(dump(*s), before);
}
