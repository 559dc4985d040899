// The document creation time when ingest found none in metadata or a header line: datelines
// at the top ("MOSCOW, February 12. /TASS/", "Updated: 12-05-2021 21:54 IST"), footers at the
// bottom ("Jan. 18, 2022 (EIRNS)", "Ru-Main, 23.02.2022"), date signals that clean saw outside
// the body, a date in the URL. A dateline without a year takes it from the rest of the
// document; without any year it is not used.
#include <algorithm>
#include <map>
#include <re2/re2.h>

#include "time/grammar.hpp"
#include "time/time.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

bool full_date(std::string_view v) {
    Ymd d = parse_ymd(v);
    return d.y && d.m && d.d && v.size() >= 10 && v.find('X') == std::string_view::npos;
}

// The line of `text` around byte `pos`.
std::string_view line_at(std::string_view text, size_t pos) {
    size_t b = text.rfind('\n', pos);
    b = b == std::string_view::npos ? 0 : b + 1;
    size_t e = text.find('\n', pos);
    if (e == std::string_view::npos) e = text.size();
    return text.substr(b, e - b);
}

// Is the text before `pos` on its line a dateline's place ("MOSCOW, ", "Nusa Dua, ") — only
// capitalised words and punctuation — rather than a sentence that mentions a date?
bool dateline_prefix(std::string_view text, size_t pos) {
    size_t b = text.rfind('\n', pos == 0 ? 0 : pos - 1);
    b = b == std::string_view::npos ? 0 : b + 1;
    std::string_view pre = text.substr(b, pos - b);
    if (pre.size() > 40) return false;
    bool word_start = true;
    for (char c : pre) {
        if (word_start && c >= 'a' && c <= 'z') return false;
        word_start = !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    }
    return true;
}

struct Found {
    std::string value;
    std::string evidence;
};

// An explicit full date on a short line of `part` (a dateline or a footer line, not a date
// mentioned inside a sentence of the story).
std::optional<Found> dated_line(std::string_view part, bool from_end) {
    std::vector<Timex> ts = find_timexes(part, "");
    if (from_end) std::reverse(ts.begin(), ts.end());
    for (const Timex& t : ts) {
        std::string date = t.value.substr(0, 10);
        if ((t.type != "DATE" && t.type != "TIME") || !full_date(date)) continue;
        // a dateline ("BALI, 09 July 2022, (TON): ...") or a line that is little more than the date
        std::string_view line = trim(line_at(part, t.span.start));
        if (!dateline_prefix(part, t.span.start) && line.size() > t.span.size() + 40) continue;
        if (line.size() > 160) line = line.substr(0, 160);
        return Found{date, std::string(line)};
    }
    return std::nullopt;
}

// A press-release or document number that embeds a date: "No. 20220310-1", "Ref: PR-2022-0310".
std::optional<Found> release_number(std::string_view part) {
    static const RE2 number = [] {
        const auto& lex = timeml::default_grammar().lexicon;
        std::string labels;
        if (auto c = lex.classes.find(std::string_view("release_label")); c != lex.classes.end())
            for (const auto& [w, v] : c->second) {
                if (!labels.empty()) labels += '|';
                labels += RE2::QuoteMeta(w);
            }
        if (labels.empty()) labels = "\\b\\B";  // no labels listed: never matches
        return RE2("(?i)(?:^|\\W)(?:" + labels + R"()\s*[:#]?\s*(?:[A-Z]{1,4}[-/ ]?)?((?:19|20)\d\d)[-/]?(0[1-9]|1[0-2])[-/]?(0[1-9]|[12]\d|3[01])(?:\D|$))");
    }();
    re2::StringPiece in(part.data(), part.size()), y, m, d;
    if (!RE2::PartialMatch(in, number, &y, &m, &d)) return std::nullopt;
    std::string value = std::string(y) + "-" + std::string(m) + "-" + std::string(d);
    Ymd ymd = parse_ymd(value);
    if (ymd.d > 28 && add_days(ymd, 0).m != ymd.m) return std::nullopt;
    size_t at = size_t(y.data() - part.data());
    return Found{value, std::string(trim(line_at(part, at)).substr(0, 160))};
}

// The year most often written in full dates and years of the document, or 0.
int dominant_year(const Document& doc) {
    std::map<int, int> count;
    for (const Timex& t : find_timexes(doc.text, "")) {
        Ymd d = parse_ymd(t.value);
        if (t.type == "DATE" && d.y >= 1900 && d.y <= 2100 && t.value.size() >= 4 && t.value.find('X') == std::string::npos)
            count[d.y] += d.m ? 2 : 1;
    }
    int best = 0, n = 0;
    for (auto [y, k] : count)
        if (k > n || (k == n && y > best)) best = y, n = k;
    return best;
}

}  // namespace

void resolve_dct(Document& doc) {
    if (doc.dct.known()) return;  // metadata or the ` date YYYY-MM-DD` header line
    std::string_view text = doc.text;
    constexpr size_t kHead = 400, kTail = 400;
    std::string_view head = text.substr(0, std::min(text.size(), kHead));
    // do not cut a line in half at the tail's start
    size_t tail_start = text.size() > kTail ? text.size() - kTail : 0;
    std::string_view tail = text.substr(tail_start);

    // date-like text that clean removed from around the body (bylines, timestamps)
    for (const std::string& s : doc.date_signals) {
        if (auto f = dated_line(s, false)) {
            doc.dct = {f->value, DctSource::dateline, "signal: " + f->evidence};
            return;
        }
    }
    // a title that is only a date (clean takes a short first line for the title)
    if (!doc.title.empty() && doc.title.size() <= 40) {
        if (auto f = dated_line(doc.title, false)) {
            doc.dct = {f->value, DctSource::dateline, "title line: " + f->evidence};
            return;
        }
    }
    if (auto f = dated_line(head, false)) {
        doc.dct = {f->value, DctSource::dateline, "dateline: " + f->evidence};
        return;
    }
    if (auto f = dated_line(tail, true)) {
        doc.dct = {f->value, DctSource::dateline, "footer: " + f->evidence};
        return;
    }
    // lines clean removed (bylines, share bars, footers) and the raw input's first and last lines
    for (const Removal& r : doc.removed) {
        if (r.text.size() > 120) continue;
        if (auto f = dated_line(r.text, false)) {
            doc.dct = {f->value, DctSource::dateline, "removed line (" + r.reason + "): " + f->evidence};
            return;
        }
    }
    if (!doc.raw.empty() && doc.raw != doc.text) {
        std::string_view raw = std::string_view(doc.raw).substr(doc.body_start);
        if (auto f = dated_line(raw.substr(0, std::min(raw.size(), kHead)), false)) {
            doc.dct = {f->value, DctSource::dateline, "raw dateline: " + f->evidence};
            return;
        }
        if (auto f = dated_line(raw.substr(raw.size() > kTail ? raw.size() - kTail : 0), true)) {
            doc.dct = {f->value, DctSource::dateline, "raw footer: " + f->evidence};
            return;
        }
    }
    for (std::string_view part : {head, tail}) {
        if (auto f = release_number(part)) {
            doc.dct = {f->value, DctSource::inferred, "release number: " + f->evidence};
            return;
        }
    }
    // a date in the URL: /2022/03/10/ or /2022-03-10
    static const RE2 url_date(R"((?:^|[/_-])((?:19|20)\d\d)[/_-](0[1-9]|1[0-2])[/_-](0[1-9]|[12]\d|3[01])(?:[/_.-]|$))");
    std::string y, m, d;
    if (!doc.url.empty() && RE2::PartialMatch(doc.url, url_date, &y, &m, &d)) {
        doc.dct = {y + "-" + m + "-" + d, DctSource::inferred, "url: " + doc.url};
        return;
    }
    // a dateline without a year ("MOSCOW, February 12. /TASS/"): the year from the document
    for (const Timex& t : find_timexes(head, "")) {
        if (t.type != "DATE" || t.value.rfind("XXXX-", 0) != 0 || t.value.size() != 10) continue;
        std::string_view line = trim(line_at(head, t.span.start));
        if (!dateline_prefix(head, t.span.start)) continue;
        int year = dominant_year(doc);
        if (!year) break;
        doc.dct = {std::to_string(year) + t.value.substr(4), DctSource::inferred,
                   "dateline: " + std::string(line) + " (year " + std::to_string(year) + " from the text)"};
        return;
    }
}

}  // namespace parley
