#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>

#include "merge/merge.hpp"
#include "store/store.hpp"

using namespace parley;

namespace {
std::string temp_db(const char* name) {
    auto p = std::filesystem::temp_directory_path() / (std::string("parley-test-") + name + ".db");
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
    return p.string();
}

Document doc_with_event(const std::string& id, const std::string& hash, const std::string& date) {
    Document d;
    d.id = id;
    d.content_hash = hash;
    d.format = "text";
    d.outlet = "Wire " + id;
    d.text = "Lavrov met Blinken in Geneva.";
    d.dct.value = date;
    d.dct.source = DctSource::header_line;
    d.sentences.push_back({{0, uint32_t(d.text.size())}, 0, 0, 0});
    EventMention e;
    e.type = "CONSULT";
    e.status = EventStatus::occurred;
    e.date = date;
    e.date_basis = DateBasis::explicit_;
    e.actors = {{"Q:sergey_lavrov", "Sergey Lavrov", "PER", "RUS", "Foreign Minister"},
                {"Q:antony_blinken", "Antony Blinken", "PER", "USA", "Secretary of State"}};
    e.location = Location{"Geneva", "CHE"};
    e.trigger = {7, 10};
    d.events.push_back(e);
    return d;
}
}  // namespace

TEST(Store, MigratesToCurrentSchema) {
    auto s = open_sqlite_store(temp_db("schema"));
    EXPECT_EQ(s->schema_version(), 3);
}

TEST(Store, ReingestIsIdempotentAndNewContentReplaces) {
    std::string path = temp_db("idem");
    {
        auto s = open_sqlite_store(path);
        auto r1 = s->put({doc_with_event("a.txt", "h1", "2022-01-21")});
        EXPECT_EQ(r1.added, 1u);
        auto r2 = s->put({doc_with_event("a.txt", "h1", "2022-01-21")});
        EXPECT_EQ(r2.added, 0u);
        EXPECT_EQ(r2.unchanged, 1u);
        EXPECT_EQ(s->mentions().size(), 1u);
    }
    // Reopen: data persisted; a new version of the same id replaces the old one.
    auto s = open_sqlite_store(path);
    auto r3 = s->put({doc_with_event("a.txt", "h2", "2022-01-22")});
    EXPECT_EQ(r3.replaced, 1u);
    ASSERT_EQ(s->documents().size(), 1u);
    auto ms = s->mentions();
    ASSERT_EQ(ms.size(), 1u);
    EXPECT_EQ(ms[0].event.date, "2022-01-22");
    EXPECT_EQ(ms[0].event.actors.size(), 2u);
    ASSERT_TRUE(ms[0].event.location.has_value());
    EXPECT_EQ(ms[0].event.location->name, "Geneva");
}

TEST(Store, TimelineRoundTripsThroughJson) {
    auto s = open_sqlite_store(temp_db("timeline"));
    s->put({doc_with_event("a.txt", "h1", "2022-01-21"), doc_with_event("b.txt", "h2", "2022-01-21")});
    auto tl = merge_mentions(s->mentions());
    ASSERT_EQ(tl.size(), 1u);
    s->replace_timeline(tl);
    auto back = s->timeline();
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].id, tl[0].id);
    EXPECT_EQ(back[0].sources.size(), 2u);
    EXPECT_EQ(to_json(back[0]), to_json(tl[0]));
    EXPECT_TRUE(s->timeline_event(tl[0].id).has_value());
}

TEST(Store, MentionsStoredBeforeIncrementalMergeAreMergedOnOpen) {
    // A schema v2 store had mentions but no merge state: after the v3 migration they belong
    // to no event, and opening the store rebuilds the timeline from them.
    std::string path = temp_db("v2data");
    std::string id;
    {
        auto s = open_sqlite_store(path);
        s->put({doc_with_event("a.txt", "h1", "2022-01-21"), doc_with_event("b.txt", "h2", "2022-01-21")});
        ASSERT_EQ(s->timeline_size(), 1u);
        id = s->timeline()[0].id;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "UPDATE mentions SET event_id = NULL, merge_run = 0; DELETE FROM timeline;"
                           "DELETE FROM merge_clusters; DELETE FROM merge_blocks; DELETE FROM timeline_keys;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    auto s = open_sqlite_store(path);
    auto tl = s->timeline();
    ASSERT_EQ(tl.size(), 1u);
    EXPECT_EQ(tl[0].id, id);
    EXPECT_EQ(tl[0].sources.size(), 2u);
}

TEST(Store, BadPathIsAClearError) {
    try {
        open_sqlite_store("/nonexistent-dir/x/y.db");
        FAIL() << "expected an error";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/x/y.db"), std::string::npos);
    }
}
