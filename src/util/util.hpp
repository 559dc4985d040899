// Small shared helpers: UTF-8 checks, hashing, file reading (with transparent gzip),
// string utilities. Nothing domain-specific lives here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

// An input problem that names where it happened; stages throw it, batch drivers report it.
struct InputError : std::runtime_error {
    std::string where;  // file name, with ":line" or "@byte" when known
    InputError(std::string where_, const std::string& what)
        : std::runtime_error(what), where(std::move(where_)) {}
};

// Byte offset of the first invalid UTF-8 sequence, or nullopt when the text is valid.
std::optional<size_t> find_invalid_utf8(std::string_view s);
// Byte offset of the first NUL byte, or nullopt.
std::optional<size_t> find_nul(std::string_view s);
// Heuristic: true when the bytes look like a binary file rather than text.
bool looks_binary(std::string_view s);

// 64-bit content hash (xxh3) as 16 hex digits.
std::string content_hash(std::string_view s);
uint64_t hash64(std::string_view s);

// Read a whole file; `.gz` files (by magic number) are decompressed. Throws InputError on
// unreadable, truncated or corrupt input. `max_bytes` bounds the decompressed size.
std::string read_file(const std::string& path, size_t max_bytes = size_t(1) << 30);
// Decompress a gzip buffer; throws InputError(where, ...) when truncated or corrupt.
std::string gunzip(std::string_view data, const std::string& where,
                   size_t max_bytes = size_t(1) << 30);
bool is_gzip(std::string_view data);

std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
std::string to_lower_ascii(std::string_view s);
// A token as word lists match it: ASCII lower case, curly apostrophes read as straight ones
// ("Didn’t" -> "didn't").
std::string lower_token_key(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);
// Lower-case any UTF-8 text with ICU full case folding.
std::string fold_case(std::string_view s);
// Decode one UTF-8 code point at s[i]; advances i. Invalid bytes yield U+FFFD.
char32_t next_code_point(std::string_view s, size_t& i);
void append_utf8(std::string& out, char32_t cp);

// The data tables under data/: UTF-8, TAB-separated, '#' lines are comments, the first other
// line is the header. Calls fn(columns, header) for every data row, with columns padded to the
// header's width. A missing file has no rows.
void for_each_tsv_row(const std::string& path,
                      const std::function<void(std::vector<std::string>& cols,
                                               const std::vector<std::string>& header)>& fn);

// The path's last component ("dir/a.txt" -> "a.txt").
std::string base_name(std::string_view path);

// Where parley's shipped data lives: $PARLEY_DATA, else the source tree's data/ directory,
// else data/ next to the binary's parent directory.
std::string data_dir();
std::string models_dir();

}  // namespace parley
