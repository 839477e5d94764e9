# KeyboardInterrupt and SystemExit are BaseExceptions, not Exceptions.
import sys

for exc in (KeyboardInterrupt(), SystemExit(2), GeneratorExit()):
    try:
        try:
            raise exc
        except Exception:
            print("wrongly caught")
    except BaseException as e:
        print(type(e).__name__, "passes through except Exception", e.args)
try:
    sys.exit(5)
except SystemExit as e:
    print("code", e.code)
try:
    sys.exit()
except SystemExit as e:
    print("code", e.code)
try:
    sys.exit("message")
except SystemExit as e:
    print("code", repr(e.code))
