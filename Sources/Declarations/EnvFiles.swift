import SourceScan

/// Env files. Examples (`.env.example`, `.env.sample`, `.env.*.example`, `example.env`,
/// `.example.env`) give their active `KEY=` lines and their commented `# KEY=` lines (marked).
/// Real env files (`.env`, `.env.local`, `.env.production`…) give the names they set and a
/// fingerprint and hint of each value; the value itself is dropped at once.
enum EnvFiles {
    enum Role { case example, real }

    static func role(of name: String) -> Role? {
        let lower = name.lowercased()
        if lower == "example.env" || lower == ".example.env" || lower == ".env.example" || lower == ".env.sample"
            || (lower.hasPrefix(".env.") && (lower.hasSuffix(".example") || lower.hasSuffix(".sample"))) {
            return .example
        }
        if lower == ".env" || (lower.hasPrefix(".env.") && !lower.hasSuffix(".bak") && !lower.hasSuffix(".swp")) { return .real }
        return nil
    }

    /// `export KEY=value`, `KEY = value`, `# KEY=` (commented; only in examples). A value may go
    /// on over the next lines (see `EnvValue`): those lines are part of it, never names.
    static func parse(_ text: String, role: Role, repo: String, path: String, fingerprinter: Fingerprinter) -> [Declaration] {
        var out: [Declaration] = []
        let lines = text.textLines()
        var index = 0
        while index < lines.count {
            let lineNumber = index + 1
            var line = Substring(lines[index]).drop { $0 == " " || $0 == "\t" }
            index += 1
            var commented = false
            if line.hasPrefix("#") {
                guard role == .example else { continue }
                commented = true
                line = line.dropFirst().drop { $0 == " " || $0 == "\t" }
            }
            if line.hasPrefix("export ") { line = line.dropFirst(7).drop { $0 == " " } }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let name = line[..<eq].trimmingCharacters(in: " \t")
            guard isName(name), !looksLikeAValue(name) else { continue }
            // A commented line is documentation: it does not open a value over the next lines.
            let continued = commented ? nil : EnvValue.continued(line[line.index(after: eq)...], following: lines[index...])
            index += continued?.lines ?? 0
            var d = Declaration(name: name, kind: role == .example ? .envExample : .envFile, repo: repo, path: path, line: lineNumber)
            if role == .example {
                d.commented = commented ? true : nil
                // A 1Password reference (`op run --env-file`) says where the value lives.
                if !d.pointAtOnePassword(line[line.index(after: eq)...]) { d.valueShape = exampleShape(line[line.index(after: eq)...]) }
            }
            if role == .real, continued == nil, d.pointAtOnePassword(line[line.index(after: eq)...]) {
                // The reference is the place, not the value: no fingerprint of it poses as one.
            } else if role == .real {
                var value: String
                if let continued { value = continued.value } else {
                    value = line[line.index(after: eq)...].trimmingCharacters(in: " \t\r")
                    if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
                        value = String(value.dropFirst().dropLast())
                    }
                }
                var bytes = Array(value.utf8)
                bytes.withUnsafeMutableBufferPointer { buf in
                    d.fingerprint = fingerprinter.fingerprint(UnsafeBufferPointer(buf))
                    d.hint = Fingerprinter.hint(UnsafeBufferPointer(buf))
                    d.valueShape = ValueShape.of(UnsafeBufferPointer(buf))
                }
            }
            out.append(d)
        }
        return out
    }

    /// An example's value is a placeholder, so its shape says little, except one thing: a URL
    /// written with `user:password@` tells that the real value carries a credential (DIRECT_URL,
    /// CLICKHOUSE_URL), whatever the name. Only that shape is kept, never the value.
    static func exampleShape(_ rest: Substring) -> ValueShape? {
        var value = rest.trimmingCharacters(in: " \t\r")
        if let q = value.first, q == "\"" || q == "'" {
            value = String(value.dropFirst().prefix { $0 != q })
        } else if let hash = value.range(of: " #") {
            value = String(value[..<hash.lowerBound])
        }
        var bytes = Array(value.utf8)
        let shape = bytes.withUnsafeMutableBufferPointer { ValueShape.of(UnsafeBufferPointer($0)) }
        return shape == .credentialURL ? shape : nil
    }

    /// The names an env file sets (its active lines), in file order: for scripts that loop over them.
    static func names(_ text: String) -> [String] {
        parse(text, role: .example, repo: "", path: "", fingerprinter: Fingerprinter(key: "names-only"))
            .filter { $0.commented != true }.map(\.name)
    }

    /// A random-looking word (16 or more characters mixing lower case, upper case and digits,
    /// with no `_`): a line of a key or token that lost its context (`a8Fq…Zk==` reads as
    /// `NAME=`), not a variable's name, which is words joined by `_`.
    static func looksLikeAValue(_ s: String) -> Bool {
        guard s.utf8.count >= 16, !s.contains("_") else { return false }
        let u = s.utf8
        return u.contains { $0 >= 0x61 && $0 <= 0x7A } && u.contains { $0 >= 0x41 && $0 <= 0x5A } && u.contains { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Environment variable names: letters, digits, `_`, not starting with a digit.
    static func isName(_ s: String) -> Bool {
        guard let first = s.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
        return s.utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

/// Reading a real env file for other stages (the Stores' env-file provider): names, lines,
/// fingerprints and hints; the values are dropped as they are read.
/// Is this an environment variable's name (letters, digits, `_`, not starting with a digit)?
public func isEnvironmentVariableName(_ s: String) -> Bool { !s.isEmpty && EnvFiles.isName(s) }

public enum EnvFileEntries {
    public struct Entry: Sendable {
        public var name: String; public var line: Int; public var fingerprint: String?; public var hint: String?
        public var shape: ValueShape?
    }

    public static func read(_ text: String, fingerprinter: Fingerprinter) -> [Entry] {
        EnvFiles.parse(text, role: .real, repo: "", path: "", fingerprinter: fingerprinter)
            .map { Entry(name: $0.name, line: $0.line, fingerprint: $0.fingerprint, hint: $0.hint, shape: $0.valueShape) }
    }
}

extension EnvFiles: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { role(of: name) != nil }

    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed {
        Parsed(declarations: parse(text, role: role(of: file.name) ?? .real, repo: file.source.repo, path: file.source.path,
                                   fingerprinter: file.fingerprinter))
    }
}
