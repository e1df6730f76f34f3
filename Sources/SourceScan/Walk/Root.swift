import Foundation

/// One scanned checkout. `name` is what findings call it (`repo` in JSON): the directory's name,
/// or NAME from a `NAME=PATH` argument.
public struct Root: Codable, Sendable, Equatable {
    public var name: String
    public var path: String
    /// What the checkout is, wherever it sits (baselines are keyed by it): the configured name
    /// (NAME from `NAME=PATH`, or secretmap.yml), else the normalised `origin` remote, set by
    /// the commands that need it; nil when neither is known.
    public var identity: String?

    public init(name: String, path: String, identity: String? = nil) {
        self.name = name
        self.path = path
        self.identity = identity
    }

    /// Parses `PATH` or `NAME=PATH`. A bare path that contains `=` but names an existing directory
    /// is taken as a path, so odd directory names still work.
    public static func parse(_ argument: String) -> Root {
        if let (name, path) = named(argument) { return Root(name: name, path: path) }
        return Root(name: defaultName(for: argument), path: argument)
    }

    /// NAME when the argument is `NAME=PATH`: a name the user gave, which is also the root's
    /// identity (a folder's name is not).
    public static func configuredName(_ argument: String) -> String? { named(argument)?.name }

    private static func named(_ argument: String) -> (name: String, path: String)? {
        guard let eq = argument.firstIndex(of: "="), !FileManager.default.fileExists(atPath: argument) else { return nil }
        let name = String(argument[..<eq])
        let path = String(argument[argument.index(after: eq)...])
        return !name.isEmpty && !name.contains("/") ? (name, path) : nil
    }

    static func defaultName(for path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let last = (absolute as NSString).lastPathComponent
        return last.isEmpty || last == "/" ? "root" : last
    }
}

public enum RootError: Error, CustomStringConvertible, Equatable {
    case notFound(String)
    case notADirectory(String)
    case duplicateName(String)

    public var description: String {
        switch self {
        case .notFound(let p): return "\(p): no such directory"
        case .notADirectory(let p): return "\(p): not a directory"
        case .duplicateName(let n):
            return "two roots are named '\(n)'; name them apart with NAME=PATH (e.g. web=\(n))"
        }
    }
}

extension Root {
    /// Checks that every root is an existing directory and that names are unique.
    public static func validate(_ roots: [Root]) throws(RootError) {
        var seen = Set<String>()
        for root in roots {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir) else { throw .notFound(root.path) }
            guard isDir.boolValue else { throw .notADirectory(root.path) }
            guard seen.insert(root.name).inserted else { throw .duplicateName(root.name) }
        }
    }
}
