// First-pass TIMEX3 tagger: a table of RE2 patterns, each with a normaliser, run over the
// text; overlapping matches keep the longest. Relative expressions resolve against the DCT,
// or stay underspecified (XXXX-...) when there is none.
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <memory>

#include "time/time.hpp"
#include "util/util.hpp"

namespace parley {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<std::string_view, 7> kWeekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int month_number(std::string_view name) {
    std::string l = to_lower_ascii(name.substr(0, 3));
    for (size_t i = 0; i < kMonths.size(); ++i)
        if (kMonths[i] == l) return int(i) + 1;
    return 0;
}
int weekday_number(std::string_view name) {
    std::string l = to_lower_ascii(name.substr(0, 3));
    for (size_t i = 0; i < kWeekdays.size(); ++i)
        if (kWeekdays[i] == l) return int(i) + 1;
    return 0;
}
int small_number(std::string_view w) {
    static const std::array<std::string_view, 13> words = {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"};
    std::string l = to_lower_ascii(w);
    for (size_t i = 0; i < words.size(); ++i)
        if (words[i] == l) return int(i);
    if (l == "a" || l == "an") return 1;
    int x = 0;
    for (char c : l) {
        if (c < '0' || c > '9') return -1;
        x = x * 10 + (c - '0');
    }
    return l.empty() ? -1 : x;
}

std::string two(int x) {
    char b[8];
    std::snprintf(b, sizeof b, "%02d", x);
    return b;
}

struct Context {
    std::string_view text;
    Ymd dct;
    size_t start = 0, end = 0;  // the match
};

// Does the clause around the match talk about the future? ("will", "is to", "plans to")
bool future_context(const Context& c) {
    size_t b = c.start > 80 ? c.start - 80 : 0;
    std::string_view before = c.text.substr(b, c.start - b);
    auto cut = before.find_last_of(".!?");
    if (cut != std::string_view::npos) before = before.substr(cut + 1);
    static const RE2 fut(R"((?i)\b(will|shall|is to|are to|is due|are due|plans? to|scheduled|expected to|next|upcoming|set to|'ll)\b)");
    return RE2::PartialMatch(before, fut);
}

using Normaliser = std::function<bool(const std::vector<std::string>&, Context&, Timex&)>;

struct Rule {
    std::unique_ptr<RE2> re;
    Normaliser norm;
};

std::string resolve_weekday(int wd, const Context& c, bool future, int shift_weeks) {
    if (!c.dct.d) return "XXXX-WXX-" + std::to_string(wd);
    int cur = day_of_week(c.dct.y, c.dct.m, c.dct.d);
    int delta;
    if (future) {
        delta = (wd - cur + 7) % 7;
        if (shift_weeks > 0 && delta == 0) delta = 7;
        if (shift_weeks > 0) delta += 7 * (shift_weeks - 1);
    } else {
        delta = -((cur - wd + 7) % 7);
        if (shift_weeks < 0) delta -= 7 * (-shift_weeks - 1) + (delta == 0 ? 7 : 0);
    }
    return format_ymd(add_days(c.dct, delta));
}

std::vector<Rule> make_rules() {
    std::vector<Rule> r;
    auto add = [&](const char* pattern, Normaliser n) {
        RE2::Options o;
        o.set_case_sensitive(false);
        o.set_longest_match(true);
        r.push_back({std::make_unique<RE2>(pattern, o), std::move(n)});
    };
    const std::string month = R"((jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:tember|t\.|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?))";
    const std::string wday = R"((monday|tuesday|wednesday|thursday|friday|saturday|sunday))";
    const std::string part = R"((?:\s+(morning|afternoon|evening|night))?)";

    // 2022-03-10
    add(R"(\b(\d{4})-(\d{2})-(\d{2})\b)", [](auto& g, Context&, Timex& t) {
        t.type = "DATE";
        t.value = g[0] + "-" + g[1] + "-" + g[2];
        return true;
    });
    // 23.02.2022 / 23/02/2022 (day first, as in European datelines)
    add(R"(\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b)", [](auto& g, Context&, Timex& t) {
        int d = std::stoi(g[0]), m = std::stoi(g[1]);
        if (m > 12 && d <= 12) std::swap(d, m);
        if (m < 1 || m > 12 || d < 1 || d > 31) return false;
        t.type = "DATE";
        t.value = g[2] + "-" + two(m) + "-" + two(d);
        return true;
    });
    // (Wednesday,) March 10(,) 2022 / March 10 / March 10th
    add((R"(\b(?:)" + wday + R"(,?\s+)?)" + month + R"(\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?)").c_str(),
        [](auto& g, Context& c, Timex& t) {
            int m = month_number(g[1]);
            int d = std::stoi(g[2]);
            if (!m || d < 1 || d > 31) return false;
            t.type = "DATE";
            std::string y = !g[3].empty() ? g[3] : (c.dct.y ? std::to_string(c.dct.y) : "XXXX");
            t.value = y + "-" + two(m) + "-" + two(d);
            return true;
        });
    // (Wednesday,) 10 March(,) 2022
    add((R"(\b(?:)" + wday + R"(,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)" + month + R"(\b(?:,?\s+(\d{4})\b)?)").c_str(),
        [](auto& g, Context& c, Timex& t) {
            int m = month_number(g[2]);
            int d = std::stoi(g[1]);
            if (!m || d < 1 || d > 31) return false;
            t.type = "DATE";
            std::string y = !g[3].empty() ? g[3] : (c.dct.y ? std::to_string(c.dct.y) : "XXXX");
            t.value = y + "-" + two(m) + "-" + two(d);
            return true;
        });
    // March 2022
    add((R"(\b)" + month + R"(\s+(\d{4})\b)").c_str(), [](auto& g, Context&, Timex& t) {
        int m = month_number(g[0]);
        if (!m) return false;
        t.type = "DATE";
        t.value = g[1] + "-" + two(m);
        return true;
    });
    // (last|next|this|on) Friday (evening)
    add((R"(\b(?:(last|next|this|on|late|early|later)\s+)?)" + wday + part + R"(\b)").c_str(),
        [](auto& g, Context& c, Timex& t) {
            int wd = weekday_number(g[1]);
            std::string mod = to_lower_ascii(g[0]);
            bool future = mod == "next" || (mod != "last" && future_context(c));
            int shift = mod == "next" ? 1 : mod == "last" ? -1 : 0;
            t.type = "DATE";
            t.value = resolve_weekday(wd, c, future, shift);
            if (!g[2].empty() && c.dct.d) {
                std::string p = to_lower_ascii(g[2]);
                t.type = "TIME";
                t.value += p == "morning" ? "TMO" : p == "afternoon" ? "TAF" : p == "evening" ? "TEV" : "TNI";
            }
            return true;
        });
    // today / yesterday / tomorrow / tonight
    add(R"(\b(today|yesterday|tomorrow|tonight)\b)", [](auto& g, Context& c, Timex& t) {
        std::string w = to_lower_ascii(g[0]);
        t.type = "DATE";
        if (!c.dct.d) {
            t.value = w == "today" || w == "tonight" ? "PRESENT_REF" : "XXXX-XX-XX";
            return true;
        }
        int delta = w == "yesterday" ? -1 : w == "tomorrow" ? 1 : 0;
        t.value = format_ymd(add_days(c.dct, delta));
        if (w == "tonight") {
            t.type = "TIME";
            t.value += "TNI";
        }
        return true;
    });
    // last/this/next week|month|year
    add(R"(\b(last|this|next|past|coming)\s+(week|month|year)\b)", [](auto& g, Context& c, Timex& t) {
        std::string q = to_lower_ascii(g[0]), unit = to_lower_ascii(g[1]);
        t.type = "DATE";
        int shift = q == "last" || q == "past" ? -1 : q == "next" || q == "coming" ? 1 : 0;
        if (!c.dct.y) {
            t.value = unit == "year" ? "XXXX" : unit == "month" ? "XXXX-XX" : "XXXX-WXX";
            return true;
        }
        if (unit == "year") {
            t.value = std::to_string(c.dct.y + shift);
        } else if (unit == "month") {
            int m = c.dct.m + shift, y = c.dct.y;
            if (m < 1) { m += 12; --y; }
            if (m > 12) { m -= 12; ++y; }
            t.value = std::to_string(y) + "-" + two(m);
        } else if (c.dct.d) {
            Ymd d = add_days(c.dct, 7 * shift);
            // ISO week number
            Ymd thursday = add_days(d, 4 - day_of_week(d.y, d.m, d.d));
            Ymd jan1{thursday.y, 1, 1};
            int doy = 0;
            for (Ymd x = jan1; !(x.m == thursday.m && x.d == thursday.d); x = add_days(x, 1)) ++doy;
            t.value = std::to_string(thursday.y) + "-W" + two(doy / 7 + 1);
        } else {
            t.value = "XXXX-WXX";
        }
        return true;
    });
    // N hours/days ago
    add(R"(\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\s+(minute|hour|day|week|month|year)s?\s+ago\b)",
        [](auto& g, Context& c, Timex& t) {
            int n = small_number(g[0]);
            std::string unit = to_lower_ascii(g[1]);
            if (n < 0) return false;
            t.type = "DATE";
            if (unit == "day" && c.dct.d) t.value = format_ymd(add_days(c.dct, -n));
            else if (unit == "year" && c.dct.y) t.value = std::to_string(c.dct.y - n);
            else if ((unit == "minute" || unit == "hour") && c.dct.d) { t.type = "TIME"; t.value = format_ymd(c.dct); }
            else t.value = "PAST_REF";
            return true;
        });
    // for two hours / 90 minutes / three days
    add(R"(\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)\s+(minute|hour|day|week|month|year|decade)s?\b)",
        [](auto& g, Context&, Timex& t) {
            int n = small_number(g[0]);
            if (n < 0) return false;
            std::string unit = to_lower_ascii(g[1]);
            t.type = "DURATION";
            if (unit == "minute") t.value = "PT" + std::to_string(n) + "M";
            else if (unit == "hour") t.value = "PT" + std::to_string(n) + "H";
            else if (unit == "decade") t.value = "P" + std::to_string(n * 10) + "Y";
            else t.value = "P" + std::to_string(n) + char(std::toupper(unit[0]));
            return true;
        });
    // in 2021 / since 2014
    add(R"(\b(?:in|since|of|by|until|during)\s+((?:19|20)\d{2})\b)", [](auto& g, Context& c, Timex& t) {
        t.type = "DATE";
        t.value = g[0];
        // the timex is the year alone, not the preposition
        c.start = c.end - g[0].size();
        return true;
    });
    return r;
}

}  // namespace

std::vector<Timex> find_timexes(std::string_view text, std::string_view dct) {
    static const std::vector<Rule> rules = make_rules();
    Ymd d = parse_ymd(dct);
    std::vector<Timex> found;
    for (const Rule& rule : rules) {
        int ngroups = rule.re->NumberOfCapturingGroups();
        std::vector<re2::StringPiece> sub(size_t(ngroups) + 1);
        size_t pos = 0;
        while (pos < text.size() &&
               rule.re->Match(text, pos, text.size(), RE2::UNANCHORED, sub.data(), ngroups + 1)) {
            size_t s = size_t(sub[0].data() - text.data()), e = s + sub[0].size();
            if (e == s) {
                ++pos;
                continue;
            }
            std::vector<std::string> groups;
            for (int i = 1; i <= ngroups; ++i) groups.emplace_back(sub[i].data() ? std::string(sub[i]) : "");
            Context c{text, d, s, e};
            Timex t;
            if (rule.norm(groups, c, t)) {
                t.span = {uint32_t(c.start), uint32_t(c.end)};
                found.push_back(std::move(t));
            }
            pos = e;
        }
    }
    // Keep the longest of overlapping matches; ties go to the earlier rule.
    std::stable_sort(found.begin(), found.end(), [](const Timex& a, const Timex& b) {
        return a.span.size() > b.span.size();
    });
    std::vector<Timex> kept;
    for (auto& t : found) {
        bool clash = std::any_of(kept.begin(), kept.end(), [&](const Timex& k) { return k.span.overlaps(t.span); });
        if (!clash) kept.push_back(std::move(t));
    }
    std::sort(kept.begin(), kept.end(), [](const Timex& a, const Timex& b) { return a.span.start < b.span.start; });
    return kept;
}

void tag_timexes(Document& doc) { doc.timexes = find_timexes(doc.text, doc.dct.value); }

void resolve_dct(Document& doc) {
    if (doc.dct.known()) return;
    // Datelines at the start and date footers at the end of the body, then date signals
    // ("3 hours ago" needs a clock we do not have, so those do not count).
    std::string_view t = doc.text;
    std::string_view head = t.substr(0, std::min<size_t>(t.size(), 200));
    std::string_view tail = t.size() > 200 ? t.substr(t.size() - 200) : t;
    // Lines that clean removed as not-body (a footer "Nusa Dua, 10.07.2022", a dateline) are
    // still date evidence: look at the last few of them too.
    std::vector<std::string_view> parts{head, tail};
    for (size_t k = doc.removed.size(), n = 0; k-- > 0 && n < 3; ++n) parts.push_back(doc.removed[k].text);
    for (std::string_view part : parts) {
        for (const Timex& x : find_timexes(part, "")) {
            Ymd y = parse_ymd(x.value);
            if (x.type == "DATE" && y.y && y.m && y.d) {
                doc.dct.value = x.value;
                doc.dct.source = DctSource::dateline;
                doc.dct.evidence = std::string(part.substr(x.span.start, x.span.size()));
                return;
            }
        }
    }
}

}  // namespace parley
