/// The arguments of `gh secret set`, read as gh (cobra/pflag) reads them: a flag that takes a
/// value takes the next word (or `--flag=value`, `-fvalue`), so `gh secret set --body VALUE NAME`
/// names NAME, never VALUE.
enum GitHubSecretSet {
    static let flagsWithValue: Set<String> = [
        "-b", "--body", "-e", "--env", "-R", "--repo", "-o", "--org", "-a", "--app", "-v", "--visibility",
        "-f", "--env-file", "-r", "--repos",
    ]

    /// The NAME argument, and the file `-f/--env-file` names (gh then sets every name in it).
    static func arguments(_ words: ArraySlice<String>) -> (name: String?, envFile: String?) {
        var name: String?, envFile: String?
        var i = words.startIndex
        func value(of flag: String, _ v: String?) { if flag == "-f" || flag == "--env-file" { envFile = v } }
        while i < words.endIndex {
            let word = words[i]
            if word == "--" {
                if name == nil, i + 1 < words.endIndex { name = words[i + 1] }
                break
            }
            if word.hasPrefix("--") {
                if let eq = word.firstIndex(of: "=") {
                    value(of: String(word[..<eq]), String(word[word.index(after: eq)...]))
                    i += 1
                } else if flagsWithValue.contains(word) {
                    value(of: word, i + 1 < words.endIndex ? words[i + 1] : nil)
                    i += 2
                } else {
                    i += 1      // --no-store, --user, or a switch gh adds later
                }
                continue
            }
            if word.hasPrefix("-"), word.count > 1 {
                let flag = String(word.prefix(2))
                if flagsWithValue.contains(flag) {
                    if word.count > 2 {
                        let attached = word.dropFirst(2)
                        value(of: flag, String(attached.hasPrefix("=") ? attached.dropFirst() : attached))
                        i += 1
                    } else {
                        value(of: flag, i + 1 < words.endIndex ? words[i + 1] : nil)
                        i += 2
                    }
                } else {
                    i += 1      // -u
                }
                continue
            }
            // Redirections are not arguments: `< file`, `>out`, `2>&1`.
            if let first = word.first, first == "<" || first == ">" || (word.count > 1 && first.isNumber && word.dropFirst().first == ">") {
                i += word.count == 1 || word == ">>" || word == "2>" || word == "1>" ? 2 : 1
                continue
            }
            if name == nil { name = word }
            i += 1
        }
        return (name, envFile)
    }
}
