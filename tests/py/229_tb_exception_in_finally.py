# An exception raised in finally replaces the pending one, chained as context.
def cleanup():
    try:
        raise ValueError("original problem")
    finally:
        print("cleaning up")
        raise RuntimeError("cleanup failed")


cleanup()
