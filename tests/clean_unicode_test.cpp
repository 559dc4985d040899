// Unicode repair: homoglyphs, mojibake, invisibles, NFC, script fragments.
#include <gtest/gtest.h>

#include "clean/clean.hpp"
#include "clean/clean_internal.hpp"

using namespace parley;

TEST(CleanUnicode, HomoglyphInLatinWordIsRepaired) {
    // "Сancelled" with a Cyrillic capital Es (U+0421)
    EXPECT_EQ(normalize_unicode("The visit was \xD0\xA1" "ancelled."), "The visit was Cancelled.");
}

TEST(CleanUnicode, HomoglyphInsideWordIsRepaired) {
    // Cyrillic o (U+043E) in the middle of "postponed", after a curly quote and a dash
    EXPECT_EQ(normalize_unicode("\xE2\x80\x9CIt was postp\xD0\xBEned\xE2\x80\x9D \xE2\x80\x94 again"),
              "\xE2\x80\x9CIt was postponed\xE2\x80\x9D \xE2\x80\x94 again");
}

TEST(CleanUnicode, GenuineForeignWordIsKept) {
    std::string ru = "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0";  // Москва
    EXPECT_EQ(normalize_unicode("in " + ru + " today"), "in " + ru + " today");
}

TEST(CleanUnicode, InvisiblesAndOddSpaces) {
    // zero-width space, soft hyphen, no-break space
    EXPECT_EQ(normalize_unicode("a\xE2\x80\x8B" "b\xC2\xAD" "c\xC2\xA0" "d"), "abc d");
}

TEST(CleanUnicode, NfcComposes) {
    EXPECT_EQ(normalize_unicode("Cavuso\xC4\x9F" "lu e\xCC\x81"), "Cavuso\xC4\x9F" "lu \xC3\xA9");
}

TEST(CleanUnicode, MojibakeIsRepaired) {
    // "don’t" and "café" as UTF-8 misread as CP1252
    EXPECT_EQ(normalize_unicode("don\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2t"), "don\xE2\x80\x99t");
    EXPECT_EQ(normalize_unicode("caf\xC3\x83\xC2\xA9"), "caf\xC3\xA9");
}

TEST(CleanUnicode, GenuineLatin1TextIsNotMojibake) {
    // "groß“" (German closing quote after sharp s) must not become an N'Ko letter
    std::string s = "gro\xC3\x9F\xE2\x80\x9C und \xC3\xA9t\xC3\xA9";
    EXPECT_EQ(normalize_unicode(s), s);
}

TEST(CleanUnicode, ToUtf8FromLegacyCharset) {
    EXPECT_EQ(to_utf8("caf\xE9 \x93quoted\x94", "windows-1252"), "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D");
    EXPECT_EQ(to_utf8("abc", "no-such-charset"), "");
}

TEST(CleanUnicode, CyrillicFragmentIsMarkedAndTransliterated) {
    Document d;
    d.format = "text";
    d.raw = "Talks in Antalya ended without progress, officials said today.\n\n"
            "Kuleba said the talks were difficult [\xD0\xBE\xD1\x82 \xD1\x83\xD0\xBA\xD1\x80\xD0\xB0\xD0\xB8\xD0\xBD\xD1\x81\xD0\xBA\xD0\xBE\xD0\xB9 \xD0\xB3\xD1\x80\xD0\xB0\xD0\xBD\xD0\xB8\xD1\x86\xD1\x8B] and that no agreement was reached.\n";
    clean_document(d);
    ASSERT_EQ(d.fragments.size(), 1u);
    EXPECT_EQ(d.fragments[0].script, "Cyrillic");
    EXPECT_EQ(d.slice(d.fragments[0].span), "\xD0\xBE\xD1\x82 \xD1\x83\xD0\xBA\xD1\x80\xD0\xB0\xD0\xB8\xD0\xBD\xD1\x81\xD0\xBA\xD0\xBE\xD0\xB9 \xD0\xB3\xD1\x80\xD0\xB0\xD0\xBD\xD0\xB8\xD1\x86\xD1\x8B");
    EXPECT_NE(d.fragments[0].latin.find("ukrainsk"), std::string::npos) << d.fragments[0].latin;
}

TEST(CleanUnicode, UkrainianFragmentUsesUkrainianRomanisation) {
    Document d;
    d.format = "text";
    // "Київ" (Kyiv) inside English prose
    d.raw = "Talks ended late in the evening, officials said after the meeting.\n\n"
            "The delegation returned to \xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 on Friday night after the talks.\n";
    clean_document(d);
    ASSERT_EQ(d.fragments.size(), 1u);
    EXPECT_EQ(d.fragments[0].latin, "Kyyiv");
}
