"""The few exceptions the library raises; the CLI turns each into exit status 2."""


class ValidatorError(Exception):
    """Base class: something stops the run before any file can be judged."""


class UsageError(ValidatorError):
    """An option or argument the user gave cannot be used."""


class RepositoryError(ValidatorError):
    """The repository cannot be read (not a directory, git failing)."""
