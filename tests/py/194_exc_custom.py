# Custom exception classes with extra attributes and hierarchies.
class AppError(Exception):
    """Base of the app's errors."""


class ConfigError(AppError):
    def __init__(self, key, reason="missing"):
        super().__init__(f"config key {key!r} is {reason}")
        self.key = key


class Retryable(AppError):
    pass


for exc in (ConfigError("port"), ConfigError("host", "empty"), Retryable("try later")):
    try:
        raise exc
    except ConfigError as e:
        print("ConfigError:", e, "| key =", e.key)
    except AppError as e:
        print(type(e).__name__ + ":", e, isinstance(e, Exception))
print(repr(ConfigError("x")), ConfigError.__doc__, AppError.__doc__)
