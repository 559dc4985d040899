// Unicode repair: NFC, invisible and control characters, odd spaces, and words that mix
// scripts (a Latin word with a Cyrillic "С"), using ICU's confusable skeletons.
#include <unicode/normalizer2.h>
#include <unicode/unorm2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "clean/clean_internal.hpp"

#include "clean/clean.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

bool is_invisible(char32_t c) {
    if (c == '\n' || c == '\t') return false;
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return true;  // C0/C1 controls
    return u_charType(c) == U_FORMAT_CHAR;                    // ZWSP, ZWJ, soft hyphen, BOM...
}

bool is_odd_space(char32_t c) {
    return c != ' ' && c != '\n' && c != '\t' && u_charType(c) == U_SPACE_SEPARATOR;
}

UScriptCode script_of(char32_t c) {
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &st);
    return U_FAILURE(st) ? USCRIPT_COMMON : sc;
}

// The Latin (or Cyrillic, Greek) look-alike of one character, from ICU's confusable data.
struct Skeletons {
    USpoofChecker* sc = nullptr;
    Skeletons() {
        UErrorCode st = U_ZERO_ERROR;
        sc = uspoof_open(&st);
        if (U_FAILURE(st)) sc = nullptr;
    }
    ~Skeletons() {
        if (sc) uspoof_close(sc);
    }
    // Returns 0 when the character has no single-character look-alike in `target`.
    char32_t lookalike(char32_t c, UScriptCode target) const {
        if (!sc) return 0;
        UChar in[2];
        int32_t n = 0;
        U16_APPEND_UNSAFE(in, n, c);
        UChar out[8];
        UErrorCode st = U_ZERO_ERROR;
        int32_t len = uspoof_getSkeleton(sc, 0, in, n, out, 8, &st);
        if (U_FAILURE(st) || len <= 0) return 0;
        int32_t i = 0;
        UChar32 s;
        U16_NEXT(out, i, len, s);
        if (i != len) return 0;
        // Skeletons are lower-case-ish prototypes; keep the original letter's case.
        if (u_isupper(c)) s = u_toupper(s);
        if (script_of(s) != target) {
            UChar32 lower = u_tolower(s);
            if (script_of(lower) != target) return 0;
        }
        return static_cast<char32_t>(s);
    }
};

const Skeletons& skeletons() {
    static const Skeletons s;
    return s;
}

// Repair one word whose letters come from two scripts, when one script clearly dominates
// and every minority letter has a look-alike in it. A word fully in another script is
// left alone: that is a foreign word, not a homoglyph.
void repair_word(std::u32string& w) {
    int latin = 0, cyr = 0, greek = 0;
    for (char32_t c : w) {
        switch (script_of(c)) {
            case USCRIPT_LATIN: ++latin; break;
            case USCRIPT_CYRILLIC: ++cyr; break;
            case USCRIPT_GREEK: ++greek; break;
            default: break;
        }
    }
    int total = latin + cyr + greek;
    int top = std::max({latin, cyr, greek});
    if (top == total || top == 0) return;
    UScriptCode target = top == latin ? USCRIPT_LATIN : top == cyr ? USCRIPT_CYRILLIC : USCRIPT_GREEK;
    std::u32string fixed = w;
    for (char32_t& c : fixed) {
        UScriptCode s = script_of(c);
        if (s == target || (s != USCRIPT_LATIN && s != USCRIPT_CYRILLIC && s != USCRIPT_GREEK))
            continue;
        char32_t m = skeletons().lookalike(c, target);
        if (m == 0) return;  // not a look-alike: a genuine mixed word, keep as is
        c = m;
    }
    w = std::move(fixed);
}

// The byte each CP1252 character stands for, built from ICU's windows-1252 converter
// (Latin-1 C1 controls map to their own byte, as when a page was read as ISO-8859-1).
struct Cp1252Bytes {
    std::unordered_map<char32_t, unsigned char> byte_of;
    Cp1252Bytes() {
        for (int b = 0x80; b <= 0xFF; ++b) byte_of[char32_t(b)] = static_cast<unsigned char>(b);
        UErrorCode st = U_ZERO_ERROR;
        UConverter* conv = ucnv_open("windows-1252", &st);
        if (U_FAILURE(st)) return;
        for (int b = 0x80; b <= 0x9F; ++b) {
            char in = static_cast<char>(b);
            UChar out[4];
            st = U_ZERO_ERROR;
            int32_t n = ucnv_toUChars(conv, out, 4, &in, 1, &st);
            if (U_SUCCESS(st) && n == 1 && out[0] != 0xFFFD && out[0] != 0x1A)
                byte_of[char32_t(out[0])] = static_cast<unsigned char>(b);
        }
        ucnv_close(conv);
    }
    int get(char32_t c) const {
        auto it = byte_of.find(c);
        return it == byte_of.end() ? -1 : it->second;
    }
};

const Cp1252Bytes& cp1252() {
    static const Cp1252Bytes t;
    return t;
}

}  // namespace

size_t repair_mojibake(std::string& s) {
    // Mojibake needs a UTF-8 lead byte read as one of U+00C2..U+00F4.
    bool candidate = false;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
        if (static_cast<unsigned char>(s[i]) == 0xC3) {  // U+00C0..U+00FF
            candidate = true;
            break;
        }
    }
    if (!candidate) return 0;
    std::vector<char32_t> cps;
    for (size_t i = 0; i < s.size();) cps.push_back(next_code_point(s, i));
    const Cp1252Bytes& t = cp1252();
    std::string out;
    out.reserve(s.size());
    size_t repaired = 0;
    for (size_t i = 0; i < cps.size();) {
        int lead = cps[i] >= 0xC2 && cps[i] <= 0xF4 ? int(cps[i]) : -1;
        size_t n = lead < 0 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (n && i + n <= cps.size()) {
            std::string bytes(1, static_cast<char>(lead));
            bool ok = true;
            for (size_t k = 1; k < n && ok; ++k) {
                int b = t.get(cps[i + k]);
                ok = b >= 0x80 && b <= 0xBF;
                bytes += static_cast<char>(b);
            }
            if (ok && !find_invalid_utf8(bytes)) {
                size_t j = 0;
                char32_t dec = next_code_point(bytes, j);
                // Two-byte sequences are only trusted where real mojibake lands (Latin-1,
                // Latin Extended-A, Greek, Cyrillic): a genuine "ß" before a curly quote
                // must not turn into an N'Ko letter.
                bool plausible = n > 2 || dec < 0x180 || (dec >= 0x370 && dec < 0x530);
                if (plausible) {
                    append_utf8(out, dec);
                    i += n;
                    ++repaired;
                    continue;
                }
            }
        }
        append_utf8(out, cps[i]);
        ++i;
    }
    if (repaired) s = std::move(out);
    return repaired;
}

std::string normalize_unicode(std::string_view text) {
    // Plain printable ASCII needs no repair (most lines of English news).
    if (std::all_of(text.begin(), text.end(), [](char c) {
            return (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n';
        }))
        return std::string(text);
    std::string repaired;
    // Mojibake of this kind always holds the byte 0xC3 (U+00C0..U+00FF read back as UTF-8);
    // look for it before copying the text for repair.
    if (text.find('\xC3') != std::string_view::npos) {
        repaired.assign(text);
        if (repair_mojibake(repaired)) text = repaired;
    }
    // Pass 1: drop invisibles, plain spaces, repair mixed-script words. ASCII bytes are
    // copied as they are; a word is decoded for script analysis only when it holds a
    // non-ASCII letter.
    std::string out;
    out.reserve(text.size());
    size_t word_start = std::string::npos;
    bool mixed_possible = false;
    bool needs_nfc_check = false;
    auto flush = [&] {
        if (word_start != std::string::npos && mixed_possible) {
            std::u32string w;
            std::string_view bytes = std::string_view(out).substr(word_start);
            for (size_t k = 0; k < bytes.size();) w.push_back(next_code_point(bytes, k));
            repair_word(w);
            out.resize(word_start);
            for (char32_t c : w) append_utf8(out, c);
        }
        word_start = std::string::npos;
        mixed_possible = false;
    };
    for (size_t i = 0; i < text.size();) {
        unsigned char b = static_cast<unsigned char>(text[i]);
        if (b < 0x80 && !mixed_possible) {
            // Outside a word being repaired, printable ASCII is copied in bulk; the start of
            // a word is found again by looking back if a non-ASCII letter follows.
            size_t j = i;
            while (j < text.size() && ((text[j] >= 0x20 && text[j] < 0x7F) || text[j] == '\n' || text[j] == '\t')) ++j;
            if (j > i) {
                out.append(text.substr(i, j - i));
                i = j;
                word_start = std::string::npos;
                continue;
            }
        }
        if (b < 0x80) {
            ++i;
            if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7F) continue;  // C0 controls
            if (((b | 0x20) >= 'a' && (b | 0x20) <= 'z')) {
                if (word_start == std::string::npos) word_start = out.size();
            } else {
                flush();
            }
            out += static_cast<char>(b);
            continue;
        }
        char32_t c = next_code_point(text, i);
        if (is_invisible(c)) continue;
        if (is_odd_space(c)) c = ' ';
        if (!needs_nfc_check && u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_NFC_QUICK_CHECK) != UNORM_YES)
            needs_nfc_check = true;
        if (u_isalpha(static_cast<UChar32>(c))) {
            if (word_start == std::string::npos) {
                word_start = out.size();
                while (word_start > 0 && (((out[word_start - 1] | 0x20) >= 'a' && (out[word_start - 1] | 0x20) <= 'z') ||
                                          static_cast<unsigned char>(out[word_start - 1]) >= 0x80))
                    --word_start;
            }
            mixed_possible = true;
            append_utf8(out, c);
            continue;
        }
        // combining marks stay inside their word
        if (u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK && word_start != std::string::npos) {
            append_utf8(out, c);
            continue;
        }
        flush();
        append_utf8(out, c);
    }
    flush();
    if (!needs_nfc_check) return out;
    // Pass 2: NFC (cheap check first: most text already is).
    UErrorCode st = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st);
    if (U_FAILURE(st)) return out;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(out);
    if (nfc->isNormalized(u, st) && U_SUCCESS(st)) return out;
    st = U_ZERO_ERROR;
    icu::UnicodeString n = nfc->normalize(u, st);
    if (U_FAILURE(st)) return out;
    std::string res;
    n.toUTF8String(res);
    return res;
}

std::string to_utf8(std::string_view bytes, std::string_view charset) {
    UErrorCode st = U_ZERO_ERROR;
    std::string cs(charset);
    UConverter* conv = ucnv_open(cs.c_str(), &st);
    if (U_FAILURE(st) || !conv) return {};
    icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv, st);
    ucnv_close(conv);
    std::string out;
    u.toUTF8String(out);
    return out;
}

}  // namespace parley
