/// Terraform (`*.tf`): the secrets it provisions and the inputs it treats as secret.
/// - `resource "aws_ssm_parameter"` `name`: an SSM parameter (its last segment is the variable);
/// - `resource "aws_secretsmanager_secret"` `name`: a Secrets Manager secret;
/// - `resource "github_actions_secret"` / `"github_actions_environment_secret"` `secret_name`;
/// - `variable "x" { sensitive = true }`: an input Terraform keeps out of its output, usually
///   set through `TF_VAR_x`.
/// A name interpolated from variables (`"/${var.env}/X"`) keeps its text; its last segment is
/// still the name when that segment is literal.
enum Terraform {
    static func isTerraform(_ name: String) -> Bool { name.hasSuffix(".tf") }

    static func parse(_ text: String, _ file: SourceFile) -> Parsed {
        let blocks: [HCLBlock]
        do { blocks = try HCLBlocks.blocks(try HCLLexer.tokens(text)) } catch let e as HCLError {
            return Parsed(warnings: [file.warning("invalid HCL: \(e.message)", line: e.line)])
        } catch { return Parsed(warnings: [file.warning("invalid HCL: unreadable", line: nil)]) }

        var parsed = Parsed()
        for block in blocks.sorted(by: { $0.line < $1.line }) {
            let labels = block.labels
            guard labels.count >= 2 else { continue }
            switch (labels[0], labels[1]) {
            case ("resource", "aws_ssm_parameter"):
                guard let name = block.attributes["name"] else { continue }
                parsed += named(BootstrapScripts.leaf(name.value), .terraformParameter, name.line, file) {
                    $0.store = .ssm; $0.storePath = name.value
                }
            case ("resource", "aws_secretsmanager_secret"):
                guard let name = block.attributes["name"] ?? block.attributes["name_prefix"] else { continue }
                parsed += named(name.value, .terraformSecret, name.line, file) { $0.store = .secretsManager; $0.storePath = name.value }
            case ("resource", "github_actions_secret"), ("resource", "github_actions_environment_secret"):
                guard let name = block.attributes["secret_name"] else { continue }
                parsed += named(name.value, .terraformGitHubSecret, name.line, file) {
                    $0.store = .github
                    $0.environment = block.attributes["environment"]?.value
                    $0.storePath = block.attributes["repository"]?.value
                }
            case ("variable", let variable) where block.attributes["sensitive"]?.value == "true":
                parsed.declarations.append(file.declare(variable, .terraformSensitiveVariable, line: block.line) { $0.alias = "TF_VAR_" + variable })
            default: continue
            }
        }
        return parsed
    }

    /// A declaration, or a note when the name itself is only known at plan time.
    static func named(_ name: String, _ kind: Declaration.Kind, _ line: Int, _ file: SourceFile,
                      _ configure: (inout Declaration) -> Void) -> Parsed {
        if name.contains("${") {
            return Parsed(notes: [file.warning("name \(MessageText.name(name)) is computed by Terraform; cannot list it", line: line)])
        }
        return Parsed(declarations: [file.declare(name, kind, line: line, configure)])
    }
}

extension Parsed {
    static func += (a: inout Parsed, b: Parsed) { a = a + b }
}

extension Terraform: DeclarationSource {
    static func claims(name: String, path: String) -> Bool { isTerraform(name) }
    static func declarations(in text: String, _ file: DeclarationFile) -> Parsed { parse(text, file.source) }
}
