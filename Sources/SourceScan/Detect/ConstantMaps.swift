/// Names read through a constant map: `const FLAG_MAP = { stripe: "STRIPE_SECRET_KEY", … }` then
/// `env(FLAG_MAP[provider])`. The map's definition in the same file gives the names: every string
/// value written directly after a `:` in its braces that looks like a variable name. A file may
/// define two maps of one name (one per function or class): a lookup takes the nearest definition
/// before it, the way a reader of the code resolves it (the first one when none comes before).
enum ConstantMaps {
    static func values(of map: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, lexed: LexedFile, usedAt use: Int) -> [String] {
        guard !map.isEmpty else { return [] }
        var nearest: [String] = [], first: [String]?
        var from = 0
        while let at = find(map, in: bytes, from: from) {
            from = at + 1
            // The whole identifier, in code, followed by an optional type annotation, `=` and `{`.
            guard lexed.isCode(at), at == 0 || !ReaderDetector.isNamePart(bytes[at - 1]),
                  at + map.count < bytes.count, !ReaderDetector.isNamePart(bytes[at + map.count]) else { continue }
            var p = at + map.count
            var annotation = 0
            while p < bytes.count, bytes[p] != 0x3D, bytes[p] != 0x0A, annotation < 200 { p += 1; annotation += 1 }
            guard p + 1 < bytes.count, bytes[p] == 0x3D, bytes[p + 1] != 0x3D else { continue }
            p += 1
            while p < bytes.count, ReaderDetector.isSpace(bytes[p]) { p += 1 }
            if bytes[p...].starts(with: Array("Object.freeze(".utf8)) { p += 14 }
            while p < bytes.count, ReaderDetector.isSpace(bytes[p]) { p += 1 }
            guard p < bytes.count, bytes[p] == 0x7B else { continue }
            let names = stringValues(bytes, openBrace: p)
            guard !names.isEmpty else { continue }
            if at > use { return nearest.isEmpty ? (first ?? names) : nearest }
            if first == nil { first = names }
            nearest = names
        }
        return nearest.isEmpty ? (first ?? []) : nearest
    }

    /// String values right after a `:` at the map's own depth, that look like variable names.
    static func stringValues(_ bytes: UnsafeBufferPointer<UInt8>, openBrace: Int) -> [String] {
        var out: [String] = []
        var depth = 0
        var afterColon = false
        var p = openBrace
        while p < bytes.count {
            let c = bytes[p]
            switch c {
            case 0x7B, 0x5B, 0x28: depth += 1; afterColon = false
            case 0x7D, 0x5D, 0x29:
                depth -= 1
                if depth == 0 { return out }
            case 0x3A: afterColon = depth == 1
            case 0x22, 0x27, 0x60:
                var q = p + 1
                while q < bytes.count, bytes[q] != c, bytes[q] != 0x0A { q += bytes[q] == 0x5C ? 2 : 1 }
                if afterColon, q < bytes.count, q > p + 1 {
                    let value = string(bytes, (p + 1)..<q)
                    if isVariableName(value) { out.append(value) }
                }
                afterColon = false
                p = q
            case 0x2C: afterColon = false
            default: break
            }
            p += 1
        }
        return out
    }

    static func isVariableName(_ s: String) -> Bool {
        guard let f = s.utf8.first, (f >= 0x41 && f <= 0x5A) || f == 0x5F else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }

    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < bytes.count, bytes.count - from >= needle.count else { return nil }
        var i = from
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
