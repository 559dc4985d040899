// The compiled KB (data/kb/kb.bin): up to date with the TSV files it is compiled from, the
// same tables as loading the TSV files, and a stale or damaged file never used or crashed on.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "entities/entities.hpp"
#include "util/util.hpp"

using namespace parley;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// A private copy of data/kb and data/entities, to damage.
struct DataCopy {
    fs::path root;
    DataCopy() {
        root = fs::temp_directory_path() / ("parley_kb_test_" + std::to_string(::getpid()));
        fs::remove_all(root);
        fs::create_directories(root);
        fs::copy(data_dir() + "/kb", root / "kb", fs::copy_options::recursive);
        fs::copy(data_dir() + "/entities", root / "entities", fs::copy_options::recursive);
    }
    ~DataCopy() {
        std::error_code ec;
        fs::remove_all(root, ec);
    }
    std::string kb() const { return (root / "kb").string(); }
};

void expect_same_tables(const Kb& a, const Kb& b) {
    ASSERT_EQ(a.actors.size(), b.actors.size());
    ASSERT_EQ(a.roles.size(), b.roles.size());
    ASSERT_EQ(a.countries.size(), b.countries.size());
    ASSERT_EQ(a.aliases.size(), b.aliases.size());
    EXPECT_EQ(a.aliases.keys, b.aliases.keys);
    for (size_t i = 0; i < a.actors.size(); i += 97) {
        EXPECT_EQ(a.actors[i].kb_id, b.actors[i].kb_id);
        EXPECT_EQ(a.actors[i].name, b.actors[i].name);
        EXPECT_EQ(a.actors[i].aliases, b.actors[i].aliases);
        EXPECT_EQ(a.actors[i].gender, b.actors[i].gender);
    }
    for (size_t i = 0; i < a.aliases.size(); i += 31) {
        std::string_view k = a.aliases.key(i);
        const Kb::AliasEntry* x = a.aliases.find(k);
        const Kb::AliasEntry* y = b.aliases.find(k);
        ASSERT_TRUE(x && y) << k;
        ASSERT_EQ(x->targets.size(), y->targets.size()) << k;
        for (size_t t = 0; t < x->targets.size(); ++t) {
            EXPECT_EQ(x->targets[t].kind, y->targets[t].kind);
            EXPECT_EQ(x->targets[t].index, y->targets[t].index);
        }
        EXPECT_EQ(x->prefix, y->prefix);
        EXPECT_EQ(x->gaz, y->gaz);
    }
    EXPECT_EQ(a.common_words, b.common_words);
    EXPECT_EQ(a.nominals, b.nominals);
    EXPECT_EQ(a.institutions, b.institutions);
    EXPECT_EQ(a.single_holder_roles, b.single_holder_roles);
    EXPECT_EQ(a.max_alias_words, b.max_alias_words);
}

}  // namespace

TEST(EntitiesKbBinary, ShippedFileIsUpToDate) {
    const std::string dir = data_dir() + "/kb";
    ASSERT_TRUE(fs::exists(dir + "/kb.bin")) << "run tools/kb/compile_kb.sh";
    EXPECT_EQ(kb_binary_checksum(dir + "/kb.bin"), kb_source_checksum(dir))
        << "data/kb/kb.bin was compiled from other TSV files: run tools/kb/compile_kb.sh";
    // Same bytes when compiled now: also catches a change in how the tables are derived
    // (alias normalisation, the format) that the source checksum cannot see.
    DataCopy copy;
    const std::string out = copy.kb() + "/fresh.bin";
    compile_kb(dir, out);
    EXPECT_TRUE(slurp(out) == slurp(dir + "/kb.bin"))
        << "recompiling gives different bytes: run tools/kb/compile_kb.sh (and bump kKbFormat if the layout changed)";
}

TEST(EntitiesKbBinary, LoadsTheSameTablesAsTheTsvFiles) {
    const std::string dir = data_dir() + "/kb";
    ASSERT_EQ(kb_binary_checksum(dir + "/kb.bin"), kb_source_checksum(dir));
    auto bin = load_kb(dir, "-");
    auto tsv = load_kb_tsv(dir, "-");
    expect_same_tables(*tsv, *bin);
    // A fact through the derived maps: the US foreign minister on 2022-01-21.
    const KbActor* a = holder_of(*bin, "foreign_minister", "USA", "2022-01-21");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->kb_id, "Q:antony_blinken");
    EXPECT_EQ(bin->aliases.find("no such alias key"), nullptr);
}

TEST(EntitiesKbBinary, StaleFileIsNotUsed) {
    DataCopy copy;
    // A new curated actor in the TSV files, not in the compiled file.
    {
        std::ofstream f(copy.kb() + "/overlay_actors.tsv", std::ios::app);
        f << "Q:test_person_zyx\tPER\tZyxwv Qutrop\tRUS\t\toverlay\ttest row\n";
    }
    EXPECT_NE(kb_binary_checksum(copy.kb() + "/kb.bin"), kb_source_checksum(copy.kb()));
    auto kb = load_kb(copy.kb(), "-");
    EXPECT_TRUE(kb->actor_by_id.count("Q:test_person_zyx"));
    EXPECT_NE(kb->aliases.find("zyxwv qutrop"), nullptr);
}

TEST(EntitiesKbBinary, DamagedFileFallsBackToTheTsvFiles) {
    DataCopy copy;
    const std::string bin = copy.kb() + "/kb.bin";
    const std::string good = slurp(bin);
    ASSERT_GT(good.size(), 1000u);
    const size_t actors = load_kb_tsv(copy.kb(), "-")->actors.size();
    auto write = [&](const std::string& bytes) {
        std::ofstream f(bin, std::ios::binary | std::ios::trunc);
        f << bytes;
    };
    // Truncated at several places, including inside the header.
    for (size_t cut : {size_t(5), size_t(40), good.size() / 3, good.size() - 7}) {
        write(good.substr(0, cut));
        auto kb = load_kb(copy.kb(), "-");
        EXPECT_EQ(kb->actors.size(), actors) << "cut at " << cut;
    }
    // Bytes overwritten after the header (the checksum still matches): either the damage is
    // detected and the TSV files are read, or it hit string contents; never a crash.
    std::mt19937 rng(7);
    for (int trial = 0; trial < 4; ++trial) {
        std::string bad = good;
        for (int k = 0; k < 8; ++k) bad[32 + rng() % (bad.size() - 32)] = char(rng());
        write(bad);
        auto kb = load_kb(copy.kb(), "-");
        EXPECT_EQ(kb->actors.size(), actors);
        for (size_t i = 0; i < kb->aliases.size(); i += 1013) (void)kb->aliases.find(kb->aliases.key(i));
    }
}

TEST(EntitiesKbBinary, LoadsWithoutItsSources) {
    // An installation may ship kb.bin alone.
    fs::path dir = fs::temp_directory_path() / ("parley_kb_only_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "kb");
    fs::copy_file(data_dir() + "/kb/kb.bin", dir / "kb" / "kb.bin");
    auto kb = load_kb((dir / "kb").string(), "-");
    EXPECT_GT(kb->actors.size(), 20000u);
    const KbActor* a = holder_of(*kb, "foreign_minister", "USA", "2022-01-21");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->kb_id, "Q:antony_blinken");
    fs::remove_all(dir);
}
