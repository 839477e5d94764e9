# An uncaught exception derived from BaseException directly, with a multi-argument message.
class Abort(BaseException):
    pass


print("working")
raise Abort("stage", 3)
