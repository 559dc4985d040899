// Foreign-script fragments (a bracketed Russian phrase left by machine translation, a name in
// Cyrillic) are kept in the body and marked with their script and a Latin transliteration.
#include <unicode/translit.h>
#include <unicode/uscript.h>

#include <memory>
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

std::string transliterate(std::string_view text, UScriptCode script) {
    // One transliterator per script; ICU transliterators are not thread-safe for
    // concurrent use, so each thread keeps its own.
    thread_local std::unique_ptr<icu::Transliterator> cyr, any;
    std::unique_ptr<icu::Transliterator>* slot = script == USCRIPT_CYRILLIC ? &cyr : &any;
    if (!*slot) {
        UErrorCode st = U_ZERO_ERROR;
        const char* id = script == USCRIPT_CYRILLIC ? "Russian-Latin/BGN" : "Any-Latin; Latin-ASCII";
        slot->reset(icu::Transliterator::createInstance(id, UTRANS_FORWARD, st));
        if (U_FAILURE(st)) {
            st = U_ZERO_ERROR;
            slot->reset(icu::Transliterator::createInstance("Any-Latin", UTRANS_FORWARD, st));
            if (U_FAILURE(st)) return std::string(text);
        }
    }
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    (*slot)->transliterate(u);
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
