/// What the scan finds across places and repositories.
enum CrossRepo {
    /// The same literal (same fingerprint) in two or more places, every occurrence listed.
    /// Most literals occur once: 64 bits of each fingerprint, hashed as an integer, find the few
    /// that may repeat, and only those are grouped by their whole fingerprint.
    static func duplicates(_ literals: [Literal]) -> [Duplicate] {
        var firstByKey: [UInt64: Int] = [:]
        firstByKey.reserveCapacity(literals.count)
        var repeatedKey = Set<UInt64>()
        for (index, literal) in literals.enumerated() {
            guard let key = fingerprintBits(literal.fingerprint) else { return grouped(literals) }
            if firstByKey.updateValue(index, forKey: key) != nil { repeatedKey.insert(key) }
        }
        if repeatedKey.isEmpty { return [] }
        return grouped(literals.filter { repeatedKey.contains(fingerprintBits($0.fingerprint)!) })
    }

    /// The 16 hex digits after `hmac-sha256:`, as a number (nil for another form).
    static func fingerprintBits(_ fingerprint: String) -> UInt64? {
        var f = fingerprint
        return f.withUTF8 { b -> UInt64? in
            guard b.count >= 28 else { return nil }
            var value: UInt64 = 0
            for c in b[12..<28] {
                let digit: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
                default: return nil
                }
                value = value << 4 | UInt64(digit)
            }
            return value
        }
    }

    /// Groups by the whole fingerprint.
    private static func grouped(_ literals: [Literal]) -> [Duplicate] {
        // Count first: most literals occur once, and building a group (an Array of copies) for
        // each of them was most of the merge's time on a large scan.
        var seen: [String: Int] = [:]  // fingerprint → index of its first literal, or -1 once seen twice
        seen.reserveCapacity(literals.count)
        var repeated: [String: [Literal]] = [:]
        for (index, literal) in literals.enumerated() {
            // One hash per literal: only a repeat (rare) looks its fingerprint up again.
            guard let first = seen.updateValue(index, forKey: literal.fingerprint) else { continue }
            if first >= 0 { repeated[literal.fingerprint] = [literals[first]]; seen[literal.fingerprint] = -1 }
            repeated[literal.fingerprint]!.append(literal)
        }
        return repeated.values.map { group in
            Duplicate(fingerprint: group[0].fingerprint, hint: group[0].hint,
                      occurrences: group.map { .init(repo: $0.repo, path: $0.path, line: $0.line) }
                          .sorted { ($0.repo, $0.path, $0.line) < ($1.repo, $1.path, $1.line) })
        }.sorted { ($0.occurrences[0].repo, $0.occurrences[0].path, $0.occurrences[0].line, $0.fingerprint)
            < ($1.occurrences[0].repo, $1.occurrences[0].path, $1.occurrences[0].line, $1.fingerprint) }
    }

    /// Variable names read in more than one repository, from the names each repository reads.
    static func sharedReaders(namesByRepo: [(repo: String, names: Set<String>)]) -> [SharedReader] {
        var repos: [String: Set<String>] = [:]
        for (repo, names) in namesByRepo { for name in names { repos[name, default: []].insert(repo) } }
        return repos.filter { $0.value.count > 1 }
            .map { SharedReader(name: $0.key, repos: $0.value.sorted()) }
            .sorted { $0.name < $1.name }
    }
}
