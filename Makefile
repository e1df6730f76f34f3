# Shortcuts for the scripts under scripts/ (they work without make: a machine with only Swift may
# not have it).
.PHONY: demo test release completions man

demo:         ## the README's first command: the PlanB audit document and drift report
	scripts/demo

test:         ## the README's second command: the whole suite with its servers (what CI runs)
	scripts/test

release:      ## a release binary without the Swift runtime, checked: .build/release/secretmap
	scripts/release-build

completions:  ## shell completions into completions/ (bash, zsh, fish)
	scripts/release-build --completions completions

man:          ## the man page: .build/plugins/GenerateManual/outputs/secretmap/secretmap.1
	swift package --allow-writing-to-package-directory generate-manual
