/// A property read that goes deeper than one name: `config.db.url` of an object whose `db` is
/// itself an object literal (its properties are then also kept by path, `db.url`), and
/// outline's `env.public.X` (a getter of the class that hands out its own public fields).
enum EnvObjectPaths {
    /// The variables read at `items[property]` (the name after `object.`), following the path
    /// while the object defines properties below it: `db.url` reads what `url` reads, `db.pool`
    /// (no read of the environment) nothing, `db` alone everything `db` holds.
    /// `siblings`: the other objects of the root; outline's `env.public` also hands out the public
    /// fields of its plugins' environment classes (`plugins/slack/server/env.ts`).
    static func read(_ object: EnvObject, _ items: [CodeTokens.Item], property: Int, siblings: [EnvObject] = [])
        -> [(variable: String, at: CodeTokens.Item)] {
        var at = property, path = items[property].text
        if let properties = object.properties {
            if path == "public", object.form == .classFields, properties["public"] == nil, let next = segment(after: at, items) {
                let name = items[next].text
                let owner = properties[name] != nil ? object
                    : siblings.first { $0.form == .classFields && $0.properties?[name] != nil } ?? object
                return isAssigned(items, after: next) ? [] : owner.variables(of: name).map { ($0, items[next]) }
            }
            while let next = segment(after: at, items), properties.keys.contains(where: { $0.hasPrefix(path + ".") }) {
                path += "." + items[next].text
                at = next
            }
        }
        return isAssigned(items, after: at) ? [] : object.variables(of: path).map { ($0, items[at]) }
    }

    /// Whether the property read ending at `items[at]` is assigned (`env.X = …`, `env.X! = …`):
    /// a write, as `process.env.X = …` is (rules/readers.yaml); `==`, `===`, `??=`, `+=` are
    /// other tokens, and read.
    static func isAssigned(_ items: [CodeTokens.Item], after at: Int) -> Bool {
        var k = at + 1
        while k < items.count, items[k].text == "!" { k += 1 }
        return k < items.count && items[k].kind == .punct && items[k].text == "="
    }

    /// The name after `.` (or `?.`, `!.`) that follows `items[at]`.
    static func segment(after at: Int, _ items: [CodeTokens.Item]) -> Int? {
        var k = at + 1
        while k < items.count, ["?", "!"].contains(items[k].text) { k += 1 }
        guard k + 1 < items.count, items[k].text == ".", items[k + 1].kind == .identifier else { return nil }
        return k + 1
    }

    /// The keys of the object literal opened at `open` with their path prefix, nested literals
    /// included: `db.url`, `db.pool`.
    static func nestedKeys(_ code: CodeTokens, objectAt open: Int, prefix: String) -> [(path: String, index: Int)] {
        let items = code.items
        return code.keys(ofObjectAt: open).flatMap { key, k -> [(path: String, index: Int)] in
            let path = prefix + key
            guard k + 2 < items.count, items[k + 2].text == "{" else { return [(path, k)] }
            return [(path, k)] + nestedKeys(code, objectAt: k + 2, prefix: path + ".")
        }
    }
}
