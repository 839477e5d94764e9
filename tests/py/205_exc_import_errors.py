# ImportError and ModuleNotFoundError.
try:
    import module_that_does_not_exist
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, "| name:", e.name)
try:
    from greenlet import no_such_name
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
print(issubclass(ModuleNotFoundError, ImportError))
