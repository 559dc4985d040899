#include <cstdio>

#include "time/time.hpp"

namespace parley {

Ymd parse_ymd(std::string_view v) {
    Ymd r;
    auto num = [&](size_t pos, size_t len) -> int {
        if (v.size() < pos + len) return 0;
        int x = 0;
        for (size_t i = pos; i < pos + len; ++i) {
            if (v[i] < '0' || v[i] > '9') return 0;
            x = x * 10 + (v[i] - '0');
        }
        return x;
    };
    r.y = num(0, 4);
    if (r.y == 0) return {};
    if (v.size() >= 7 && v[4] == '-') r.m = num(5, 2);
    if (r.m && v.size() >= 10 && v[7] == '-') r.d = num(8, 2);
    return r;
}

std::string format_ymd(const Ymd& d) {
    char buf[16];
    if (d.y && d.m && d.d) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
    else if (d.y && d.m) std::snprintf(buf, sizeof buf, "%04d-%02d", d.y, d.m);
    else if (d.y) std::snprintf(buf, sizeof buf, "%04d", d.y);
    else return {};
    return buf;
}

namespace {
// days since 1970-01-01 (Howard Hinnant's algorithm)
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
Ymd civil_from_days(long z) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    return {int(y + (m <= 2)), int(m), int(d)};
}
}  // namespace

int day_of_week(int y, int m, int d) {
    long z = days_from_civil(y, m, d);
    long w = (z + 3) % 7;  // 1970-01-01 was a Thursday (index 3 with Monday = 0)
    if (w < 0) w += 7;
    return int(w) + 1;
}

long day_number(const Ymd& d) { return days_from_civil(d.y, d.m, d.d); }

Ymd add_days(const Ymd& d, int days) { return civil_from_days(days_from_civil(d.y, d.m, d.d) + days); }

bool dates_compatible(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty()) return true;
    size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        if (a[i] == 'X' || b[i] == 'X') continue;
        if (a[i] != b[i]) return false;
    }
    return true;
}

}  // namespace parley
