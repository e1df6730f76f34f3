#!/usr/bin/env python3
"""How a Markdown document's tables render on GitHub, checked with a CommonMark parser with GFM
tables (markdown-it-py), for the audit document's tests and for measuring it on real repos.

    gfm_tables.py FILE   prints one JSON object:
      tables[]        {line, columns, cells[]}: each table markdown-it found (its first line,
                      1-based; its column count; the cells each of its source rows holds, counted
                      as GFM splits them: on every `|` not escaped with a backslash)
      strayLines[]    lines that start with `|` but are in no table (a table whose delimiter row
                      does not match its header renders as a paragraph of pipes), nor in code
      largestCell     the longest cell's text, in characters; bytes: the document's size

Exit status 3 when markdown-it-py is not installed (the caller skips), 0 otherwise.
"""
import json
import sys

try:
    from markdown_it import MarkdownIt
except ImportError:
    sys.exit(3)


def source_cells(line):
    """Cells of one table row as GFM splits it: leading/trailing pipes trimmed, `\\|` kept."""
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    count, i = 1, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "|":
            count += 1
        i += 1
    return count


def main(path):
    with open(path, encoding="utf-8") as f:
        document = f.read()
    lines = document.split("\n")
    tokens = MarkdownIt("commonmark").enable("table").parse(document)
    tables, covered, largest = [], set(), 0
    current = None
    for token in tokens:
        if token.map and token.type in ("table_open", "fence", "code_block", "html_block"):
            covered.update(range(token.map[0], token.map[1]))
        if token.type == "table_open":
            start, end = token.map
            current = {"line": start + 1, "columns": 0,
                       "cells": [source_cells(lines[i]) for i in range(start, end) if i != start + 1]}
            tables.append(current)
        elif token.type == "th_open" and current is not None:
            current["columns"] += 1
        elif token.type == "inline" and current is not None:
            largest = max(largest, len(token.content))
        elif token.type == "table_close":
            current = None
    stray = [i + 1 for i, line in enumerate(lines) if line.lstrip().startswith("|") and i not in covered]
    print(json.dumps({"tables": tables, "strayLines": stray, "largestCell": largest,
                      "bytes": len(document.encode("utf-8"))}))


if __name__ == "__main__":
    main(sys.argv[1])
