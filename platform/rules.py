"""What every feature's services raise when a rule refuses an action."""


class RuleError(Exception):
    """A rule refused the action; `message` (translated) says why, `field` names the form field
    it concerns, if any. Routes show the message and change nothing."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = message
        self.field = field
