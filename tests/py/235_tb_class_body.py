# An exception raised while a class body runs.
class Settings:
    debug = True
    level = int("verbose")
