import ArgumentParser
import CSupport
import Foundation

/// An input the command cannot work with (missing root, unreadable baseline, bad rules file):
/// reported as one line naming the input, exit status 2, without the usage text.
struct InputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
