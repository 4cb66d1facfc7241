"""The one error a channel raises: why it could not deliver, in words for the operator."""


class ChannelError(Exception):
    """A channel could not deliver a message (the others still send)."""
