/// Plain-text and Markdown tables: columns padded to the widest cell, counted in Unicode scalars
/// (counting grapheme clusters costs more than the rest of the rendering).
struct Table {
    var header: [String]
    var rows: [[String]] = []

    /// The same table with every cell made printable (`Printable`), or nil when no cell needs it
    /// (one byte scan of the cells: the ordinary case costs no copy). Cells hold paths, repo and
    /// store names and hints, all chosen by someone else: a newline in one would add a row.
    func printable() -> Table? {
        func needs(_ s: String) -> Bool { var s = s; return s.withUTF8(Printable.mayNeedEscaping) }
        guard header.contains(where: needs) || rows.contains(where: { $0.contains(where: needs) }) else { return nil }
        return Table(header: header.map(Printable.escape), rows: rows.map { $0.map(Printable.escape) })
    }

    func text(indent: String = "  ") -> String {
        if let safe = printable() { return safe.textOfPrintable(indent: indent) }
        return textOfPrintable(indent: indent)
    }

    private func textOfPrintable(indent: String) -> String {
        // Built as UTF-8 bytes: a scan's reader table has a hundred thousand rows, and padding and
        // joining Strings cell by cell took longer than the scan's JSON report.
        var widths = header.map(Self.scalarCount)
        // Every cell's width, counted once (the padding needs it again).
        var cellWidths: [Int] = []
        cellWidths.reserveCapacity(rows.count * header.count)
        for row in rows {
            for (i, cell) in row.enumerated() {
                let w = Self.scalarCount(cell)
                cellWidths.append(w)
                widths[i] = max(widths[i], w)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity((rows.count + 1) * (indent.utf8.count + widths.reduce(0) { $0 + $1 + 2 } + 1))
        func line(_ cells: [String], _ width: (Int) -> Int) {
            out.append(contentsOf: indent.utf8)
            for (i, cell) in cells.enumerated() {
                if i > 0 { out.append(0x20); out.append(0x20) }
                out.append(contentsOf: cell.utf8)
                if i < cells.count - 1 {
                    out.append(contentsOf: repeatElement(0x20, count: widths[i] - width(i)))
                }
            }
            out.append(0x0A)
        }
        line(header) { Self.scalarCount(header[$0]) }
        var k = 0
        for row in rows {
            line(row) { cellWidths[k + $0] }
            k += row.count
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Unicode scalars, counted on the UTF-8 bytes.
    static func scalarCount(_ s: String) -> Int {
        var s = s
        return s.withUTF8(utf8ScalarCount)
    }

    func markdown() -> String {
        if let safe = printable() { return safe.markdownOfPrintable() }
        return markdownOfPrintable()
    }

    /// `|` would end a cell.
    private func markdownOfPrintable() -> String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| " + header.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return out
    }
}

import Foundation
import SourceScan
