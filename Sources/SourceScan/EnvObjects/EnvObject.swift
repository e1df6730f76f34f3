/// An object a module builds from the environment, so that the rest of the code reads
/// `env.STRIPE_SECRET_KEY` or `settings.stripe_key` instead of `process.env` / `os.environ`:
/// a t3-env `createEnv`, a zod schema's `parse(process.env)`, envalid's `cleanEnv`, a plain
/// object of `process.env` reads, a proxy over `process.env`, a class whose fields read the
/// environment, a pydantic `BaseSettings` class, a Django settings module.
///
/// The module defines which variable each property reads; a property read of the object in a
/// file that imports it is then a reader of that variable (EnvObjectFollower).
public struct EnvObject: Sendable, Hashable {
    public enum Form: String, Sendable {
        case t3Env = "t3-env", zod, envalid, object, proxy, classFields = "class", pydantic, django
        /// Another module's object handed on (`export { env } from "./env"`): JavaScriptReExports.
        case reExport = "re-export"
        /// A function's parameter that is the environment by its type (`env: NodeJS.ProcessEnv`,
        /// `env: Record<"SMTP_URL" | …, string>`), read in its own module: EnvParameters.
        case parameter
    }

    /// One property the module defines: the variables it reads and where it is written.
    public struct Property: Sendable, Hashable {
        public var variables: [String]
        public var line: Int
        public var column: Int
    }

    public var root: Int
    /// The module, relative to its root.
    public var path: String
    /// Where the object is built (its `export`, its `class`).
    public var line: Int
    /// The names the module exports it by: `env`, `default` (JS); the settings class (Python).
    public var bindings: [String]
    public var form: Form
    /// Property → what it reads. Nil for a proxy over `process.env`, whose property X is variable X.
    public var properties: [String: Property]?

    /// The variables a read of `property` reads.
    public func variables(of property: String) -> [String] {
        guard let properties else { return EnvNames.isVariableName(property) ? [property] : [] }
        return properties[property]?.variables ?? []
    }

    /// The evidence a reader through it carries: `env (src/env.mjs:4)`.
    public func evidence(as local: String) -> String { "\(local) (\(path):\(line))" }
}

enum EnvNames {
    /// `STRIPE_SECRET_KEY`, `NEXT_PUBLIC_URL`: upper case, digits and underscores.
    static func isVariableName(_ s: String) -> Bool {
        guard let f = s.utf8.first, (f >= 0x41 && f <= 0x5A) || f == 0x5F else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }
}

extension Array where Element == Reader {
    /// The readers between two token positions (inclusive), by line and column.
    func within(_ from: CodeTokens.Item, _ to: CodeTokens.Item) -> [Reader] {
        filter { r in
            (r.line, r.column) >= (from.line, from.column) && (r.line, r.column) <= (to.line, to.column)
        }
    }
}
