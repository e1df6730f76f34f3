import ArgumentParser
import CSupport
import Foundation

@main
enum Main {
    static func main() {
        secretmap_malloc_tune()
        do {
            var command = try SecretMap.parseAsRoot()
            try command.run()
        } catch let error as InputError {
            // Bad input found while running (not a misuse of the command line): one line, exit 2.
            StandardError.line("secretmap: \(error.description)")
            exit(2)
        } catch {
            let code = SecretMap.exitCode(for: error)
            let message = SecretMap.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty { StandardError.lines(message.hasPrefix("Error:") || message.hasPrefix("Usage:") ? message : "secretmap: " + message) }
            // Usage errors exit 2 (DESIGN.md), not ArgumentParser's 64.
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
