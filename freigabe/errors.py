"""API errors that carry a stable machine-readable code next to the human message."""

from ninja.errors import HttpError


class ApiError(HttpError):
    """Answered as `{"detail": message, "code": code}` by the API's error handler."""

    def __init__(self, status_code, message, code):
        super().__init__(status_code, message)
        self.code = code
