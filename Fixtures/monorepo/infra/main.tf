variable "environment" {
  type    = string
  default = "planb"
}

variable "stripe_secret_key" {
  type      = string
  sensitive = true
}

/* Parameters the app reads at start-up. */
resource "aws_ssm_parameter" "stripe_webhook_secret" {
  name  = "/${var.environment}/STRIPE_WEBHOOK_SECRET"
  type  = "SecureString"
  value = var.stripe_secret_key # placeholder, rotated out of band
}

resource "aws_ssm_parameter" "per_env" {
  for_each = toset(["GA4_API_SECRET"])
  name     = "/planb/${each.key}"
  type     = "SecureString"
  value    = "changeme"
  lifecycle {
    ignore_changes = [value]
  }
}

resource "aws_secretsmanager_secret" "supabase" {
  name        = "planb/supabase"
  description = <<-EOT
    Supabase keys { service_role, anon }
  EOT
}

resource "github_actions_environment_secret" "deploy_role" {
  repository      = "planb-web"
  environment     = "production"
  secret_name     = "AWS_DEPLOY_ROLE_ARN"
  plaintext_value = aws_iam_role.deploy.arn
}
