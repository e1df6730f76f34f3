/// Plain-text and Markdown tables: columns padded to the widest cell, counted in Unicode scalars
/// (counting grapheme clusters costs more than the rest of the rendering).
struct Table {
    var header: [String]
    var rows: [[String]] = []

    func text(indent: String = "  ") -> String {
        var widths = header.map(\.unicodeScalars.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.unicodeScalars.count) } }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { i, c in i == cells.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.unicodeScalars.count) }
            return indent + padded.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    func markdown() -> String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| " + header.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return out
    }
}

import Foundation
