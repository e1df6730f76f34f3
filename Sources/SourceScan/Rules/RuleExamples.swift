import PCRE

/// Every rule carries examples that must and must not match (`match` / `no-match`), run through
/// the real tokenizer and detectors, as SwiftLint runs its rules' triggering and non-triggering
/// examples. The test suite runs the built-in rules' examples; a user's rules (`--rules DIR`) are
/// run when they load, and a rule without examples, or whose examples fail, is refused: a rule
/// nobody has checked against a line of code is how a scanner starts crying wolf, or goes quiet.
public struct RuleExampleFailure: Sendable, Equatable, CustomStringConvertible {
    public var rule: String
    /// What went wrong, with the example (rules are the user's own text, not a scanned file's).
    public var problem: String
    public var description: String { "rule '\(rule)': \(problem)" }
}

extension RuleSet {
    /// The failures of the examples of the rules whose ids are given (every rule when nil).
    public func exampleFailures(of ids: Set<String>? = nil) -> [RuleExampleFailure] {
        var failures: [RuleExampleFailure] = []
        func wanted(_ id: String) -> Bool { ids?.contains(id) ?? true }
        let scratch = MatchScratch()
        for rule in readers where wanted(rule.id) {
            if rule.spec.match.isEmpty || rule.spec.noMatch.isEmpty {
                failures.append(.init(rule: rule.id, problem: "needs at least one match and one no-match example"))
                continue
            }
            for family in rule.families.sorted(by: { $0.rawValue < $1.rawValue }) {
                for example in rule.spec.match {
                    let names = Self.readerNames(rule, example.code, family, scratch)
                    if names != example.names {
                        failures.append(.init(rule: rule.id, problem: "on `\(example.code)` (\(family.rawValue)) found \(names), expected \(example.names)"))
                    }
                }
                for code in rule.spec.noMatch where !Self.readerNames(rule, code, family, scratch).isEmpty {
                    failures.append(.init(rule: rule.id, problem: "must not match `\(code)` (\(family.rawValue))"))
                }
            }
        }
        let patterns: [(String, Regex, [String], [String])] =
            issuers.map { ($0.id, $0.regex, $0.spec.match, $0.spec.noMatch) }
            + names.map { ($0.id, $0.regex, $0.spec.match, $0.spec.noMatch) }
            + notSecret.map { ($0.id, $0.regex, $0.spec.match, $0.spec.noMatch) }
            + secretLike.map { ($0.id, $0.regex, $0.spec.match, $0.spec.noMatch) }
            + placeholders.map { ($0.id, $0.regex, $0.spec.match, $0.spec.noMatch) }
        for (id, regex, match, noMatch) in patterns where wanted(id) {
            if match.isEmpty || noMatch.isEmpty {
                failures.append(.init(rule: id, problem: "needs at least one match and one no-match example"))
                continue
            }
            for s in match where !Self.matches(regex, s, scratch) { failures.append(.init(rule: id, problem: "must match `\(s)`")) }
            for s in noMatch where Self.matches(regex, s, scratch) { failures.append(.init(rule: id, problem: "must not match `\(s)`")) }
        }
        for rule in platformVariables where wanted(rule.id) {
            if rule.spec.match.isEmpty || rule.spec.noMatch.isEmpty {
                failures.append(.init(rule: rule.id, problem: "needs at least one match and one no-match example"))
                continue
            }
            for s in rule.spec.match where !rule.provides(s) { failures.append(.init(rule: rule.id, problem: "must match `\(s)`")) }
            for s in rule.spec.noMatch where rule.provides(s) { failures.append(.init(rule: rule.id, problem: "must not match `\(s)`")) }
        }
        for rule in notSecret where wanted(rule.id) && rule.targetRegex != nil {
            let match = rule.spec.targetMatch ?? [], noMatch = rule.spec.targetNoMatch ?? []
            if match.isEmpty || noMatch.isEmpty {
                failures.append(.init(rule: rule.id, problem: "a target pattern needs at least one target-match and one target-no-match example"))
                continue
            }
            for t in match where !rule.applies(toTarget: t, scratch) { failures.append(.init(rule: rule.id, problem: "target must match `\(t)`")) }
            for t in noMatch where rule.applies(toTarget: t, scratch) { failures.append(.init(rule: rule.id, problem: "target must not match `\(t)`")) }
        }
        for rule in testPaths where wanted(rule.id) {
            if rule.spec.match.isEmpty || rule.spec.noMatch.isEmpty {
                failures.append(.init(rule: rule.id, problem: "needs at least one match and one no-match example"))
                continue
            }
            for p in rule.spec.match where !rule.matches(p, scratch) { failures.append(.init(rule: rule.id, problem: "must match `\(p)`")) }
            for p in rule.spec.noMatch where rule.matches(p, scratch) { failures.append(.init(rule: rule.id, problem: "must not match `\(p)`")) }
        }
        return failures
    }

    /// Reader names the scan pipeline finds in `code`, for one rule only.
    static func readerNames(_ rule: ReaderRule, _ code: String, _ family: Language.Family, _ scratch: MatchScratch) -> [String] {
        var bytes = Array(code.utf8)
        return bytes.withUnsafeMutableBufferPointer { mbuf in
            let buf = UnsafeBufferPointer(mbuf)
            let lexed = Tokenizers.forFamily(family).tokenize(buf, scratch: LexScratch())
            return ReaderDetector(rules: [rule]).find(in: buf, lexed: lexed, scratch: scratch) { _ in }.map(\.name)
        }
    }

    static func matches(_ regex: Regex, _ s: String, _ scratch: MatchScratch) -> Bool {
        var bytes = Array(s.utf8)
        return bytes.withUnsafeMutableBufferPointer { LiteralClassifier.matches(regex, UnsafeBufferPointer($0), scratch) }
    }
}
