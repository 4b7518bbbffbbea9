# What clap writes itself around our texts. English is rendered by clap and is kept here as the
# source of each French wording; `--lang fr` shows the French.

## Help layout (headings, usage line, the value name of a subcommand).
cli-heading-commands = Commands:
cli-heading-arguments = Arguments:
cli-heading-options = Options:
cli-usage = Usage:
cli-value-command = COMMAND

## Help of clap's own arguments and of the `help` subcommand.
cli-help-subcommand = Print this message or the help of the given subcommand(s)
cli-help-flag = Print help
cli-help-flag-short = Print help (see more with '--help')
cli-version-flag = Print version

## Notes clap appends to an argument's help.
cli-note-default = [default: { $values }]
cli-note-possible = [possible values: { $values }]
cli-note-env = [env: { $variable }]
cli-note-subcommands = [subcommands: { $values }]

## Why a value was refused, for the standard library's parsers (ours say it themselves).
cli-reason-number-empty = cannot parse integer from empty string
cli-reason-number-too-large = number too large to fit in target type
cli-reason-number-zero = number would be zero for non-zero type
cli-reason-number-invalid = invalid digit found in string
cli-reason-address = invalid socket address syntax

## Parse errors.
cli-error = error: { $message }
cli-error-value-missing = a value is required for '{ $arg }' but none was supplied
cli-error-value-invalid = invalid value '{ $value }' for '{ $arg }'
cli-error-value-invalid-because = invalid value '{ $value }' for '{ $arg }': { $reason }
cli-error-unknown-argument = unexpected argument '{ $arg }' found
cli-error-unknown-subcommand = unrecognized subcommand '{ $subcommand }'
cli-error-no-equals = equal sign is needed when assigning values to '{ $arg }'
cli-error-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-error-too-few-values = { $expected } values required by '{ $arg }'; only { $actual } were provided
cli-error-wrong-number-of-values = { $expected } values required for '{ $arg }' but { $actual } were provided
cli-error-given-twice = the argument '{ $arg }' cannot be used multiple times
cli-error-conflict = the argument '{ $arg }' cannot be used with '{ $prior }'
cli-error-conflict-many = the argument '{ $arg }' cannot be used with one or more of the other specified arguments
cli-error-missing-required = the following required arguments were not provided:{ $list }
cli-error-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
cli-error-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
cli-error-other = invalid command line
cli-error-more = For more information, try '--help'.

## Hints.
cli-hint = tip: { $hint }
cli-hint-similar-subcommand = a similar subcommand exists: '{ $suggested }'
cli-hint-similar-argument = a similar argument exists: '{ $suggested }'
cli-hint-similar-value = a similar value exists: '{ $suggested }'
cli-hint-pass-as-value = to pass '{ $argument }' as a value, use '{ $fix }'
cli-hint-subcommand-after-dashes = subcommand '{ $subcommand }' exists; to use it, remove the '--' before it
cli-hint-exists = '{ $name }' exists
