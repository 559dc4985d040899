// time: the document's creation time (DCT) with its provenance, and every temporal
// expression normalised to a TIMEX3 value against it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/document.hpp"

namespace parley {

// Keep the DCT read from metadata or a header line; otherwise look for datelines and footers
// in the text ("MOSCOW, February 12. /TASS/", "Nusa Dua, 10.07.2022"). Leaves it unknown
// when nothing is found.
void resolve_dct(Document& doc);

// Find and normalise temporal expressions in Document::text (fills Document::timexes).
void tag_timexes(Document& doc);

// Find timexes in any text against a DCT value ("2022-03-10", or "" when unknown).
std::vector<Timex> find_timexes(std::string_view text, std::string_view dct);
// The same, using the Penn tags of `tokens` (spans into `text`, in order) when the text stage
// supplied them, to decide the direction of "Thursday" or "in March" from the verb's tense.
std::vector<Timex> find_timexes(std::string_view text, std::string_view dct, const std::vector<Token>& tokens);

// Calendar helpers shared with later stages.
struct Ymd {
    int y = 0, m = 0, d = 0;  // 0 = unknown
};
Ymd parse_ymd(std::string_view value);       // "2022-03-10", "2022-03", "2022"
std::string format_ymd(const Ymd& d);         // as precise as the fields allow
int day_of_week(int y, int m, int d);         // 1 = Monday ... 7 = Sunday
Ymd add_days(const Ymd& d, int days);
long day_number(const Ymd& d);              // days since 1970-01-01 (d must be a full date)
// Is `value` (a TIMEX3 DATE value) compatible with `other` at their common granularity?
bool dates_compatible(std::string_view a, std::string_view b);

}  // namespace parley
