# Nested try statements, exceptions inside except and finally.
def risky(step):
    try:
        try:
            if step == 1:
                raise ValueError("step 1")
            if step == 2:
                raise TypeError("step 2")
            return "ok"
        except ValueError as e:
            raise KeyError("from handler") from e
        finally:
            print("  inner finally", step)
    except KeyError as e:
        return "outer caught " + repr(e)
    except TypeError as e:
        return "outer caught " + repr(e)


for step in range(3):
    print(risky(step))
try:
    try:
        raise ValueError("original")
    finally:
        print("finally with pending exception")
except ValueError as e:
    print("still", e)
