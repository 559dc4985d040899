// Foreign-script fragments (a bracketed Russian phrase left by machine translation, a name in
// Cyrillic) are kept in the body and marked with their script and a Latin transliteration.
#include <unicode/translit.h>
#include <unicode/uscript.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <mutex>

#include "clean/clean.hpp"
#include "clean/clean_internal.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

UScriptCode script_of(char32_t c) {
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &st);
    return U_FAILURE(st) ? USCRIPT_COMMON : sc;
}

// Which BGN/PCGN romanisation fits a Cyrillic fragment: letters found only in Ukrainian
// (і ї є ґ) or Belarusian (ў) choose those tables; otherwise Russian, the common case in
// the news this engine reads.
const char* cyrillic_table(std::string_view text) {
    static constexpr std::string_view kUkrainian[] = {"\xD1\x96", "\xD0\x86", "\xD1\x97", "\xD0\x87",
                                                      "\xD1\x94", "\xD0\x84", "\xD2\x91", "\xD2\x90"};
    for (auto l : kUkrainian)
        if (text.find(l) != std::string_view::npos) return "Ukrainian-Latin/BGN";
    if (text.find("\xD1\x9E") != std::string_view::npos || text.find("\xD0\x8E") != std::string_view::npos)
        return "Belarusian-Latin/BGN";
    return "Russian-Latin/BGN";
}

std::string transliterate(std::string_view text, UScriptCode script) {
    // One transliterator per table and thread: ICU transliterators are not safe for
    // concurrent use.
    thread_local std::unordered_map<std::string, std::unique_ptr<icu::Transliterator>> cache;
    std::string id = script == USCRIPT_CYRILLIC ? cyrillic_table(text) : "Any-Latin; Latin-ASCII";
    auto& slot = cache[id];
    if (!slot) {
        UErrorCode st = U_ZERO_ERROR;
        slot.reset(icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, st));
        if (U_FAILURE(st)) {
            st = U_ZERO_ERROR;
            slot.reset(icu::Transliterator::createInstance("Any-Latin", UTRANS_FORWARD, st));
            if (U_FAILURE(st)) {
                slot.reset();
                return std::string(text);
            }
        }
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    slot->transliterate(u);
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace

void find_script_fragments(Document& doc) {
    doc.fragments.clear();
    const std::string& t = doc.text;
    size_t i = 0;
    while (i < t.size()) {
        // Skip ASCII eight bytes at a time: most bodies hold no other script at all.
        while (i + 8 <= t.size()) {
            uint64_t w;
            std::memcpy(&w, t.data() + i, sizeof w);
            if (w & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= t.size()) break;
        if (static_cast<unsigned char>(t[i]) < 0x80) {
            ++i;
            continue;
        }
        size_t start = i;
        char32_t c = next_code_point(t, i);
        UScriptCode sc = script_of(c);
        if (sc == USCRIPT_LATIN || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED) continue;
        // Extend over letters of the same script and the spaces/punctuation between them.
        size_t end = i, j = i;
        while (j < t.size()) {
            size_t k = j;
            char32_t d = next_code_point(t, k);
            UScriptCode ds = script_of(d);
            if (ds == sc) {
                end = k;
            } else if (ds != USCRIPT_COMMON && ds != USCRIPT_INHERITED) {
                break;
            } else if (d == '\n') {
                break;
            }
            j = k;
        }
        std::string_view frag = std::string_view(t).substr(start, end - start);
        ScriptFragment f;
        f.span = {static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
        f.script = uscript_getName(sc);
        f.latin = transliterate(frag, sc);
        doc.fragments.push_back(std::move(f));
        i = end;
    }
}

}  // namespace parley
