import Foundation

/// `aws …` with the config's profile, region and endpoint (otherwise the usual AWS_* variables
/// apply, AWS_ENDPOINT_URL included), JSON output, parsed.
struct AWSCommand {
    var runner: CommandRunner
    var aws: SecretMapConfig.AWS

    func json(_ arguments: [String]) throws -> Any {
        var args = arguments + ["--output", "json"]
        if let region = aws.region { args += ["--region", region] }
        if let profile = aws.profile { args += ["--profile", profile] }
        if let endpoint = aws.endpoint { args += ["--endpoint-url", endpoint] }
        let data = try runner.run("aws", args)
        do { return try JSONSerialization.jsonObject(with: data.isEmpty ? Data("{}".utf8) : data) } catch {
            throw CommandRunner.Failure(description: "aws \(arguments.prefix(2).joined(separator: " ")): output is not JSON")
        }
    }
}

/// Dates as stores give them (epoch seconds, ISO 8601 with or without fractions) → ISO 8601 UTC.
enum StoreDate {
    static func iso(_ value: Any?) -> String? {
        switch value {
        case let n as NSNumber: return format(Date(timeIntervalSince1970: n.doubleValue))
        case let s as String: return parse(s).map(format) ?? s
        default: return nil
        }
    }

    static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static func parse(_ s: String) -> Date? {
        if let d = Double(s) { return Date(timeIntervalSince1970: d) }
        let iso = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            iso.formatOptions = options
            if let d = iso.date(from: s) { return d }
        }
        // psql and Vault: "2026-05-01 10:00:00+00", "2026-05-01T10:00:00.123456789Z".
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        for format in ["yyyy-MM-dd HH:mm:ssX", "yyyy-MM-dd HH:mm:ss.SSSSSSX", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"] {
            f.dateFormat = format
            f.timeZone = TimeZone(identifier: "UTC")
            if let d = f.date(from: s) { return d }
        }
        // Nanosecond fractions (Vault) are more than the formatters take: cut to milliseconds.
        if let dot = s.firstIndex(of: "."), let end = s[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) {
            let cut = String(s[..<dot]) + "." + String(s[s.index(after: dot)..<end].prefix(3)) + String(s[end...])
            iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return iso.date(from: cut)
        }
        return nil
    }
}
