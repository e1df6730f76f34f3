import ArgumentParser
import Foundation
import Inventory
import Report

struct RotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Rotation runbooks derived from the inventory.",
        subcommands: [RotatePlanCommand.self, RotateApplyCommand.self]
    )
}
