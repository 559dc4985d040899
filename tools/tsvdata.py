"""The project's TSV tables (data/, tests/data/): '#' comment lines and blank lines skipped,
the first other line is the header, short rows padded with empty columns.
One reader for the Python tools, as util::for_each_tsv_row is for the engine."""


def read_tsv(path):
    """Return (header, rows), rows as dicts keyed by the header's column names."""
    header, rows = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if header is None:
                header = cols
                continue
            rows.append(dict(zip(header, cols + [""] * (len(header) - len(cols)))))
    return header, rows
